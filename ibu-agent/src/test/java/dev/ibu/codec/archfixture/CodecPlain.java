package dev.ibu.codec.archfixture;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Test-only, clean: a wire record as the codec writes them (domain, vavr, Jackson, CRD annotations). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodecPlain(@Required String name, io.vavr.control.Option<dev.ibu.domain.Stage> stage,
        tools.jackson.databind.JsonNode node) {
}
