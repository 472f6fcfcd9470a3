package org.enclave.api.catalogue.dcat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code enclave.catalogue.dcat.*}: how the enclave names itself in its DCAT-AP export. {@code baseUri}
 * prefixes every IRI (catalogue, datasets, versions), so it should be the enclave's public address.
 */
@ConfigurationProperties("enclave.catalogue.dcat")
public record DcatProperties(String baseUri, String title, String description, String publisher, String contactName,
                             String contactEmail, String theme) {

    public DcatProperties {
        baseUri = baseUri == null ? "" : baseUri.replaceAll("/+$", "");
        if (!baseUri.matches("https?://\\S+")) {
            throw new org.enclave.api.platform.ConfigurationError("enclave.catalogue.dcat.base-uri must be an http(s) address");
        }
    }
}
