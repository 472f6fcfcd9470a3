package org.enclave.api.catalogue.dcat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.ColumnSpec;
import org.enclave.api.catalogue.Dataset;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.platform.InvariantViolation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue as DCAT-AP in JSON-LD (docs/governance.md): a {@code dcat:Catalog} whose datasets
 * ({@code dcat:Dataset}) have one {@code dcat:Dataset} per immutable version ({@code dcat:hasVersion},
 * {@code adms:versionNotes}), each with a {@code dcat:Distribution} that says where to apply: the data
 * itself never leaves the enclave, so there is no download URL.
 *
 * <p>Metadata only: names, descriptions, owners, licences, column names and counts. Never a value
 * from the data, nor the declared value sets. The JSON-LD context is inline (resource
 * {@code dcat-ap-context.jsonld}, written from the vocabularies' namespaces) so that a harvester needs
 * to fetch nothing else to read it.
 *
 * <p>Not exported because the enclave does not know it: {@code dct:temporal} (the period the data
 * covers) and {@code dct:spatial}.
 */
@Component
@EnableConfigurationProperties(DcatProperties.class)
public class DcatExport {

    public static final String MEDIA_TYPE = "application/ld+json";
    /** EU authority tables (publications.europa.eu). */
    static final String RESTRICTED = "http://publications.europa.eu/resource/authority/access-right/RESTRICTED";
    static final String PARQUET = "http://publications.europa.eu/resource/authority/file-type/PARQUET";

    private final CatalogueService catalogue;
    private final DcatProperties props;
    private final Map<String, Object> context;

    DcatExport(CatalogueService catalogue, DcatProperties props) {
        this.catalogue = catalogue;
        this.props = props;
        this.context = loadContext();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> loadContext() {
        try (InputStream in = DcatExport.class.getResourceAsStream("dcat-ap-context.jsonld")) {
            if (in == null) {
                throw new InvariantViolation("dcat-ap-context.jsonld missing from the classpath");
            }
            return (Map<String, Object>) JsonMapper.builder().build().readValue(in, Map.class).get("@context");
        } catch (IOException e) {
            throw new InvariantViolation("dcat-ap-context.jsonld unreadable", e);
        }
    }

    String catalogueIri() {
        return props.baseUri() + "/api/catalogue/dcat";
    }

    String datasetIri(Dataset d) {
        return props.baseUri() + "/api/datasets/" + d.id();
    }

    String versionIri(Dataset d, int number) {
        return datasetIri(d) + "/versions/" + number;
    }

    /** The whole catalogue as one JSON-LD document (a map Jackson writes as is). */
    @Transactional(readOnly = true)
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", context);
        doc.put("@id", catalogueIri());
        doc.put("@type", "dcat:Catalog");
        doc.put("dct:title", props.title());
        doc.put("dct:description", props.description());
        doc.put("dct:publisher", agent(props.baseUri() + "/#publisher", props.publisher()));
        List<Object> datasets = new ArrayList<>();
        Instant modified = null;
        for (Dataset d : catalogue.list()) {
            List<DatasetVersion> versions = catalogue.versions(d.id()).stream().map(n -> catalogue.version(d.id(), n)).toList();
            datasets.add(dataset(d, versions));
            for (DatasetVersion v : versions) {
                modified = modified == null || v.registeredAt().isAfter(modified) ? v.registeredAt() : modified;
            }
        }
        if (modified != null) {
            doc.put("dct:modified", modified.toString());
        }
        doc.put("dcat:dataset", datasets);
        return doc;
    }

    private Map<String, Object> dataset(Dataset d, List<DatasetVersion> versions) {
        Map<String, Object> n = common(datasetIri(d), d, d.id().toString(), d.name());
        n.put("dct:issued", d.createdAt().toString());
        Set<String> keywords = new LinkedHashSet<>(List.of(d.name().split("_")));
        if (!versions.isEmpty()) {
            DatasetVersion latest = versions.get(versions.size() - 1);
            n.put("dct:modified", latest.registeredAt().toString());
            n.put("dcat:version", Integer.toString(latest.number()));
            n.put("dcat:hasCurrentVersion", versionIri(d, latest.number()));
            latest.columns().forEach(c -> keywords.add(c.name()));
        }
        n.put("dcat:keyword", new ArrayList<>(keywords));
        n.put("dcat:hasVersion", versions.stream().map(v -> version(d, v)).toList());
        return n;
    }

    private Map<String, Object> version(Dataset d, DatasetVersion v) {
        Map<String, Object> n = common(versionIri(d, v.number()), d, d.id() + "/v" + v.number(),
                d.name() + " (version " + v.number() + ")");
        n.put("dcat:version", Integer.toString(v.number()));
        n.put("adms:versionNotes", "Version " + v.number() + ": " + v.columns().size() + " columns ("
                + String.join(", ", v.columns().stream().map(ColumnSpec::name).toList()) + "), " + v.rows()
                + " rows after pseudonymisation; lake manifest SHA-256 " + v.manifestSha256() + ".");
        n.put("dct:issued", v.registeredAt().toString());
        n.put("dcat:isVersionOf", datasetIri(d));
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("@id", versionIri(d, v.number()) + "#enclave");
        dist.put("@type", "dcat:Distribution");
        dist.put("dct:title", d.name() + " v" + v.number() + " inside the enclave");
        dist.put("dct:description", "Pseudonymised Parquet, readable only inside the enclave by approved projects;"
                + " apply to the committee for access. Nothing can be downloaded from this address.");
        dist.put("dcat:accessURL", props.baseUri() + "/api/projects");
        dist.put("dct:format", PARQUET);
        dist.put("dct:accessRights", RESTRICTED);
        dist.put("dct:license", Map.of("@type", "dct:LicenseDocument", "rdfs:label", d.licence()));
        n.put("dcat:distribution", List.of(dist));
        return n;
    }

    /** What every dataset node carries (DCAT-AP mandatory and recommended properties the enclave knows). */
    private Map<String, Object> common(String iri, Dataset d, String identifier, String title) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("@id", iri);
        n.put("@type", "dcat:Dataset");
        n.put("dct:identifier", identifier);
        n.put("dct:title", title);
        n.put("dct:description", d.description());
        n.put("dct:publisher", agent(null, d.owner()));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("@type", "vcard:Organization");
        contact.put("vcard:fn", props.contactName());
        contact.put("vcard:hasEmail", "mailto:" + props.contactEmail());
        n.put("dcat:contactPoint", contact);
        n.put("dct:accessRights", RESTRICTED);
        n.put("dcat:theme", props.theme());
        return n;
    }

    private static Map<String, Object> agent(String iri, String name) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (iri != null) {
            a.put("@id", iri);
        }
        a.put("@type", "foaf:Agent");
        a.put("foaf:name", name);
        return a;
    }
}
