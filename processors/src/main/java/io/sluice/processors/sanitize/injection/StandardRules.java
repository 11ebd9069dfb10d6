package io.sluice.processors.sanitize.injection;

import java.util.List;
import java.util.function.Consumer;

/** The rule book {@link InjectionDetector#standard()} uses: five languages over the shared templates. */
final class StandardRules {
    private StandardRules() {}

    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "zh");

    static RuleBook build() {
        RuleBook.Builder b = new RuleBook.Builder();
        List<Consumer<RuleBook.Builder>> languages = List.of(EnglishTerms::register, GermanTerms::register,
                FrenchTerms::register, SpanishTerms::register, ChineseTerms::register);
        languages.forEach(l -> l.accept(b));
        TermFamilies.register(b);
        for (String lang : LANGUAGES) {
            RuleTemplates.register(b, lang); // fails on a concept a language forgot
        }
        return b.build();
    }
}
