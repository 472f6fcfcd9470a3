package org.enclave.compute.guard;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.UpperCaseCharStream;

/** Checks on the raw text, before parsing. */
final class SqlText {

    /** Generous for hand-written SQL; bounds parser work on hostile input. */
    static final int MAX_LENGTH = 100_000;

    private SqlText() {
    }

    static void check(String sql) {
        if (sql.length() > MAX_LENGTH) {
            throw new AnalysisRejected(RejectionCode.SQL_TOO_LONG, "the SQL is longer than " + MAX_LENGTH + " characters", null);
        }
        int dollar = sql.indexOf("${");
        if (dollar >= 0) {
            // Spark would replace ${...} before parsing, from its configuration, system properties or
            // environment variables (${env:NAME}): refused wherever it appears, even inside a literal.
            throw new AnalysisRejected(RejectionCode.VARIABLE_SUBSTITUTION,
                    "${...} variable substitution is not allowed", positionOf(sql, dollar));
        }
        singleStatement(sql);
    }

    /**
     * Uses Spark's own lexer, so comments and string literals are understood exactly as the parser
     * understands them: a {@code ;} inside a comment or a string is not a separator, and anything but
     * further {@code ;} after a real one is a second statement.
     */
    private static void singleStatement(String sql) {
        SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
        lexer.removeErrorListeners();
        boolean afterSemicolon = false;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (token.getType() == SqlBaseLexer.SEMICOLON) {
                afterSemicolon = true;
            } else if (afterSemicolon) {
                throw new AnalysisRejected(RejectionCode.MULTIPLE_STATEMENTS, "only one statement is allowed",
                        new SqlPosition(token.getLine(), token.getCharPositionInLine() + 1));
            }
        }
    }

    static SqlPosition positionOf(String sql, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SqlPosition(line, index - lineStart + 1);
    }
}
