package org.enclave.api.catalogue;

/** A dataset's sensitivity tier, which the committee weighs and the disclosure policy follows. */
public enum Sensitivity {
    LOW, MODERATE, HIGH, VERY_HIGH
}
