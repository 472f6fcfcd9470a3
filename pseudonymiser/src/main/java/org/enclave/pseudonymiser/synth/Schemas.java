package org.enclave.pseudonymiser.synth;

/**
 * The column-role schemas of the synthetic extracts (docs/pseudonymiser.md, "Schema file"): every column
 * declared; the NIR becomes the CSNS; names and the hospital's stay number are direct identifiers, dropped;
 * dates of birth and of stay are generalised to the month and communes to their département at ingest.
 */
final class Schemas {

    static final String PEOPLE_FILE = "people.schema.yaml";
    static final String STAYS_FILE = "stays.schema.yaml";

    static final String PEOPLE = """
            # Column roles of people.csv (written by `pseudonymiser synth`; docs/pseudonymiser.md).
            dataset: people
            columns:
              - {name: nir,           role: identifier, kind: nir}
              - {name: last_name,     role: identifier, kind: drop}
              - {name: first_name,    role: identifier, kind: drop}
              - {name: birth_date,    role: quasi, type: date, generalise: year-month}
              - {name: sex,           role: quasi, type: string, generalise: none}
              - {name: birth_commune, role: quasi, type: string, generalise: departement}
              - {name: commune,       role: quasi, type: string, generalise: departement}
            """;

    // stay_id is the hospital's own number for the stay: with the hospital's records it points back at the
    // person, so it is dropped like a name.
    static final String STAYS = """
            # Column roles of stays.csv (written by `pseudonymiser synth`; docs/pseudonymiser.md).
            dataset: stays
            columns:
              - {name: nir,                  role: identifier, kind: nir}
              - {name: stay_id,              role: identifier, kind: drop}
              - {name: admission_date,       role: quasi, type: date, generalise: year-month}
              - {name: discharge_date,       role: quasi, type: date, generalise: year-month}
              - {name: diagnosis,            role: attribute, type: string}
              - {name: hospital_departement, role: quasi, type: string, generalise: none}
              - {name: cost,                 role: attribute, type: decimal}
            """;

    private Schemas() {
    }
}
