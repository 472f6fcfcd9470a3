package org.enclave.api.job;

import java.util.Objects;
import org.enclave.api.catalogue.DatasetId;

/**
 * One dataset version a job read: fixed when the job is submitted (the version's lake folder went
 * into the job spec), so a release can name exactly what its outputs came from.
 *
 * @param dataset the dataset
 * @param name    the table name the SQL used for it
 * @param version the dataset version number (from 1)
 */
public record DatasetUse(DatasetId dataset, String name, int version) {

    public DatasetUse {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(name, "name");
    }
}
