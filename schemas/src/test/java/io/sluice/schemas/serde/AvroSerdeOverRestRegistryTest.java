package io.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.schemas.SampleRecords;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.registry.SchemaRegistryServer;
import io.sluice.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

/** The serdes as two separate Sluice processes use them: each with its own client of the embedded registry. */
class AvroSerdeOverRestRegistryTest {

    @Test
    void aRecordWrittenByOneProcessIsReadByAnotherThroughTheEmbeddedRegistry() {
        var store = new InMemorySchemaStore();
        try (var server = new SchemaRegistryServer(store, "127.0.0.1", 0)) {
            server.start();
            try (var producerSide = new RestSchemaRegistryClient(server.uri());
                    var consumerSide = new RestSchemaRegistryClient(server.uri())) {
                Topics writerTopics = new Topics("sluice.", producerSide);
                Topics readerTopics = new Topics("sluice.", consumerSide);

                // when
                byte[] request = writerTopics.requests().valueSerde().serializer()
                        .serialize("sluice.requests", SampleRecords.request());
                byte[] response = writerTopics.responses().valueSerde().serializer()
                        .serialize("sluice.responses", SampleRecords.response());
                AiRequest readRequest = readerTopics.requests().valueSerde().deserializer()
                        .deserialize("sluice.requests", request);
                AiResponse readResponse = readerTopics.responses().valueSerde().deserializer()
                        .deserialize("sluice.responses", response);

                // then
                assertThat(readRequest).isEqualTo(SampleRecords.request());
                assertThat(readResponse).isEqualTo(SampleRecords.response());
                assertThat(store.subjects()).containsExactly("io.sluice.avro.AiRequest", "io.sluice.avro.AiResponse");
            }
        }
    }
}
