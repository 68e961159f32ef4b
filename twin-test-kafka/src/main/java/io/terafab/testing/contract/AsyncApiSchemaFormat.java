package io.terafab.testing.contract;

import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;

/**
 * AsyncAPI's default schema format for the validator: JSON Schema draft-07, with every other
 * keyword (AsyncAPI's own such as {@code discriminator}, {@code x-} extensions, the document's
 * non-schema fields around a schema) an annotation, as JSON Schema treats keywords it does not
 * know. The validator's default logs a warning for each instead.
 */
public final class AsyncApiSchemaFormat {

    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft7())
            .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
            .build();

    private AsyncApiSchemaFormat() {}

    public static Dialect dialect() {
        return DIALECT;
    }
}
