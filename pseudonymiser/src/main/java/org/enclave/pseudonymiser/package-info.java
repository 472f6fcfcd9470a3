/**
 * NIR validation, keyed CSNS and project pseudonyms, key custody and the pseudonymiser pipeline.
 */
package org.enclave.pseudonymiser;
