package org.enclave.api.catalogue.dcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.api.support.EnclaveIT;
import org.enclave.api.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DCAT-AP export, fetched without signing in, is valid JSON-LD: a JSON-LD 1.1 processor expands it
 * with a document loader that refuses every fetch (nothing may come from the network), and the expanded
 * graph has the classes and properties DCAT-AP requires, under their full IRIs. The same body, with its
 * context replaced by a reference to a namespace context written separately (test resource
 * {@code dcat/dcat-ap-namespaces.jsonld}, served by the local loader), expands to the same IRIs.
 */
@EnclaveIT
class DcatExportIT {

    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String DCT = "http://purl.org/dc/terms/";
    static final String FOAF = "http://xmlns.com/foaf/0.1/";
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    static final String ADMS = "http://www.w3.org/ns/adms#";
    static final String RDF_TYPE = "@type";
    static final String NAMESPACES = "https://enclave.test/dcat-ap-namespaces.jsonld";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fx;

    /** Serves the one local context; refuses anything else, so a test can never reach the network. */
    static final DocumentLoader OFFLINE = (url, options) -> {
        if (url.toString().equals(NAMESPACES)) {
            try (InputStream in = DcatExportIT.class.getResourceAsStream("/dcat/dcat-ap-namespaces.jsonld")) {
                return JsonDocument.of(in);
            } catch (java.io.IOException e) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e);
            }
        }
        throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "offline: refused to fetch " + url);
    };

    @Test
    void exportExpandsOfflineWithTheRequiredDcatApClassesAndProperties() throws Exception {
        fx.sharedDataset();
        String body = mvc.perform(get("/api/catalogue/dcat")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/ld+json"))
                .andReturn().getResponse().getContentAsString();

        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(body))).loader(OFFLINE).get();
        Map<String, Set<String>> byType = propertiesByType(expanded);

        assertThat(byType.get(DCAT + "Catalog")).contains(DCT + "title", DCT + "description", DCT + "publisher", DCAT + "dataset");
        assertThat(byType.get(DCAT + "Dataset")).contains(DCT + "title", DCT + "description", DCT + "publisher",
                DCAT + "contactPoint", DCT + "accessRights", DCT + "identifier", DCAT + "keyword", DCAT + "hasVersion",
                ADMS + "versionNotes", DCAT + "version", DCAT + "distribution", DCAT + "theme", DCT + "issued");
        assertThat(byType.get(DCAT + "Distribution")).contains(DCAT + "accessURL", DCT + "license", DCT + "format", DCT + "accessRights");
        assertThat(byType.get(FOAF + "Agent")).contains(FOAF + "name");
        assertThat(byType.get(VCARD + "Organization")).contains(VCARD + "fn", VCARD + "hasEmail");
        assertThat(byType).containsKey(DCT + "LicenseDocument");

        // Metadata only: declared value sets (which dummy data uses) and the lake location stay inside.
        assertThat(body).doesNotContain("\"30+\"");

        // The inline context and a separately written namespace context agree on every IRI.
        ObjectNode withReference = (ObjectNode) JsonMapper.builder().build().readTree(body);
        withReference.put("@context", NAMESPACES);
        JsonArray viaReference = JsonLd.expand(JsonDocument.of(new StringReader(withReference.toString()))).loader(OFFLINE).get();
        assertThat(propertiesByType(viaReference)).isEqualTo(byType);
    }

    @Test
    void theLoaderReallyRefusesTheNetwork() {
        String remote = "{\"@context\":\"https://www.w3.org/ns/dcat.jsonld\",\"@type\":\"Catalog\"}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonLd.expand(JsonDocument.of(new StringReader(remote))).loader(OFFLINE).get())
                .isInstanceOf(JsonLdError.class);
    }

    /** Every node in the expanded graph, at any depth: its types, and the union of its property IRIs per type. */
    static Map<String, Set<String>> propertiesByType(JsonArray expanded) {
        Map<String, Set<String>> out = new HashMap<>();
        expanded.forEach(v -> walk(v, out));
        return out;
    }

    static void walk(JsonValue v, Map<String, Set<String>> out) {
        if (v instanceof JsonArray a) {
            a.forEach(x -> walk(x, out));
        } else if (v instanceof JsonObject o) {
            if (o.containsKey("@value")) {
                return; // a literal: its @type is a datatype, not a class
            }
            List<String> types = o.containsKey(RDF_TYPE) ? o.getJsonArray(RDF_TYPE).getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList() : List.of();
            for (String t : types) {
                Set<String> props = out.computeIfAbsent(t, k -> new HashSet<>());
                o.keySet().stream().filter(k -> !k.startsWith("@")).forEach(props::add);
            }
            o.values().forEach(x -> walk(x, out));
        }
    }
}
