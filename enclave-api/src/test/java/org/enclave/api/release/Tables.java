package org.enclave.api.release;

/** Hand-made cell tables in the policies table format (docs/table-format.md), for release tests. */
public final class Tables {

    private Tables() {
    }

    /** Counts by age band with the total: every cell has at least 20 units (passes every tier). */
    public static final String SAFE = """
            {"description":"stays by age band","dimensions":["age_band"],"cells":[
             {"key":["0-39"],"units":20,"rows":23},
             {"key":["40+"],"units":30,"rows":31},
             {"key":[null],"units":50,"rows":54}]}""";

    /** Counts without margins, one cell of 3 persons: withheld (threshold), the table passes. */
    public static final String ONE_SMALL_CELL = """
            {"dimensions":["region"],"cells":[
             {"key":["11"],"units":20,"rows":20},
             {"key":["24"],"units":3,"rows":3}]}""";

    /** A maximum: refused by the standard tier (extremes), so the table fails. */
    public static final String FAILS = """
            {"dimensions":["region"],"measure":"cost","statistic":"max","cells":[
             {"key":["11"],"units":20,"rows":20,"value":1000.0,"determiningUnits":2}]}""";

    /** A first release: by age band, 50 and 40 persons, total 90. */
    public static final String RELEASED_FIRST = """
            {"dimensions":["age_band"],"cells":[
             {"key":["0-39"],"units":50,"rows":50},
             {"key":["40+"],"units":40,"rows":40},
             {"key":[null],"units":90,"rows":90}]}""";

    /** The same table over a population three persons smaller (another row filter): differencing. */
    public static final String NESTED_IN_FIRST = """
            {"dimensions":["age_band"],"cells":[
             {"key":["0-39"],"units":47,"rows":47},
             {"key":["40+"],"units":40,"rows":40},
             {"key":[null],"units":87,"rows":87}]}""";
}
