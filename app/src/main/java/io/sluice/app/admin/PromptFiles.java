package io.sluice.app.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.avro.PromptVersion;
import io.sluice.schemas.prompts.PromptException;
import io.sluice.schemas.prompts.PromptSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prompts as code on disk: {@code prompts/<name>/<version>/config.yaml}, found anywhere under a
 * directory (the whole tree, one prompt, or one version). Each file is read strictly (duplicate
 * keys, unknown keys, wrong types are errors naming the file and the path in it) with the rules
 * the admin API applies, so what passes here publishes.
 */
final class PromptFiles {
    static final String FILE = "config.yaml";
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** A version on disk: the prompt's name and version from its path, and its spec as read. */
    record PromptFile(Path file, String name, JsonNode spec, PromptVersion version) {
        String id() {
            return name + "@" + version.getVersion();
        }
    }

    /** A file that cannot be used: the message names it and what is wrong. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private PromptFiles() {}

    /** Every version under {@code dir}, in path order; throws {@link Invalid} for the first bad one. */
    static List<PromptFile> under(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Invalid(dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().equals(FILE) && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new Invalid(dir + ": no <name>/<version>/" + FILE + " under it");
        }
        List<PromptFile> read = new ArrayList<>();
        for (Path file : files) {
            read.add(read(file));
        }
        return read;
    }

    static PromptFile read(Path file) {
        Path versionDir = file.toAbsolutePath().getParent();
        Path nameDir = versionDir.getParent();
        if (nameDir == null) {
            throw new Invalid(file + ": expected prompts/<name>/<version>/" + FILE);
        }
        String name = nameDir.getFileName().toString();
        String version = versionDir.getFileName().toString();
        try {
            PromptSpecs.requireId(name, "name", "prompt name");
            JsonNode spec = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (spec == null || spec.isMissingNode()) {
                throw new Invalid(file + ": empty");
            }
            return new PromptFile(file, name, spec, PromptSpecs.read(spec, version));
        } catch (PromptException e) {
            throw new Invalid(file + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new Invalid(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
    }
}
