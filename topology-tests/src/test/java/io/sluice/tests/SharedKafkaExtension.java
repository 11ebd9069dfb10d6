package io.sluice.tests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM's {@link SharedKafka}: started by the first test that asks for it, kept in
 * JUnit's root store, and closed by JUnit when all tests of the JVM are done.
 *
 * <p>Use: {@code @ExtendWith(SharedKafkaExtension.class)} and take a {@code SharedKafka} parameter.
 */
public final class SharedKafkaExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SharedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafka.class, k -> new SharedKafka(), SharedKafka.class);
    }
}
