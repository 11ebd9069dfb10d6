# The Sluice image: the shaded CLI jar on a JRE. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/sluice sluice && mkdir -p /var/lib/sluice && chown sluice /var/lib/sluice
COPY app/target/sluice.jar /opt/sluice/sluice.jar
USER sluice
WORKDIR /var/lib/sluice
# 8080: the ingress (and its /metrics); 8081: the schema registry; 9464: /metrics of the other commands
EXPOSE 8080 8081 9464
ENTRYPOINT ["java", "-XX:+UseZGC", "-jar", "/opt/sluice/sluice.jar"]
CMD ["--help"]
