package org.enclave.api.register;

/** CSV cells for a file anyone may open in a spreadsheet. */
final class Csv {

    private Csv() {
    }

    /**
     * Quotes when needed (RFC 4180) and defuses spreadsheet formulas: free text from applicants that
     * starts with {@code = + - @} or a tab/CR is prefixed with an apostrophe, so it is shown, not run.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
