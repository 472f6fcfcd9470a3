package org.enclave.policies.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.enclave.policies.check.CheckResult;

/** Writes SDC records as JSON (pretty-printed, UTF-8 text). */
public final class SdcRecordWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SdcRecordWriter() {
    }

    public static String toJson(CheckResult result) {
        return toJson(SdcRecord.of(result));
    }

    public static String toJson(SdcRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: an SDC record could not be serialised", e);
        }
    }

    public static void write(CheckResult result, Writer out) {
        try {
            MAPPER.writeValue(out, SdcRecord.of(result));
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
