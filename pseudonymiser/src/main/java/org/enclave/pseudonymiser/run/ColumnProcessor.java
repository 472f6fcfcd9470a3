package org.enclave.pseudonymiser.run;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.enclave.pseudonymiser.csns.CsnsFunction;
import org.enclave.pseudonymiser.io.OutputRow;
import org.enclave.pseudonymiser.nir.NirParser;
import org.enclave.pseudonymiser.schema.ColumnSpec.DateFormat;
import org.enclave.pseudonymiser.schema.Generalisation;

/**
 * Turns one input field (bytes) into one output value, or names why it cannot. One instance per worker thread
 * (they hold scratch buffers), so nothing here is shared or locked. An empty field is a missing value (null),
 * except for the NIR, which is required.
 */
abstract class ColumnProcessor {
    final int out;

    ColumnProcessor(int out) {
        this.out = out;
    }

    /** @return null when the value was written to {@code row}, else the quarantine reason */
    abstract Reason apply(byte[] b, int off, int len, OutputRow row);

    /** Bits of NIR quality flags seen by the last successful {@link #apply}, 0 for other columns. */
    int lastFlags() {
        return 0;
    }

    /** The NIR: validated, then its CSNS; the digits live only in scratch buffers that are overwritten. */
    static final class NirColumn extends ColumnProcessor {
        private final CsnsFunction csns;
        private final byte[] scratch = new byte[NirParser.SCRATCH_LENGTH];
        private final byte[] encoded;
        private final byte[] value = new byte[CsnsFunction.LENGTH];
        private final Binary binary = Binary.fromReusedByteArray(value);
        private int flags;

        NirColumn(int out, CsnsFunction csns) {
            super(out);
            this.csns = csns;
            this.encoded = csns.encoding().newBuffer();
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            int r = NirParser.parse(b, off, len, scratch);
            if (r < 0) {
                Arrays.fill(scratch, (byte) 0);
                return switch (r) {
                    case NirParser.ERR_MISSING -> Reason.NIR_MISSING;
                    case NirParser.ERR_CHECK_KEY -> Reason.NIR_CHECK_KEY;
                    default -> Reason.NIR_FORMAT;
                };
            }
            flags = r;
            csns.csns(scratch, encoded, value, 0);
            Arrays.fill(scratch, (byte) 0);
            row.setBinary(out, binary);
            return null;
        }

        @Override
        int lastFlags() {
            return flags;
        }
    }

    /** Free text, kept as UTF-8; input in another encoding is transcoded. Invalid bytes fail the run. */
    static final class StringColumn extends ColumnProcessor {
        private final CharsetDecoder decoder;

        StringColumn(int out, Charset charset) {
            super(out);
            this.decoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            if (len == 0) {
                row.setNull(out);
                return null;
            }
            if (decoder == null) {
                if (!Text.isValidUtf8(b, off, len)) {
                    throw new EncodingException("is not valid UTF-8");
                }
                row.setBinary(out, Binary.fromReusedByteArray(b, off, len));
            } else {
                try {
                    CharBuffer cb = decoder.decode(ByteBuffer.wrap(b, off, len));
                    row.setBinary(out, Binary.fromConstantByteArray(cb.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (CharacterCodingException e) {
                    throw new EncodingException("is not valid " + decoder.charset().name());
                }
            }
            return null;
        }
    }

    /** INSEE commune code -> département (2 characters, 3 for 97x/98x overseas codes, 2A/2B for Corsica). */
    static final class DepartementColumn extends ColumnProcessor {
        private static final Binary CORSE_SUD = Binary.fromString("2A");
        private static final Binary HAUTE_CORSE = Binary.fromString("2B");

        DepartementColumn(int out) {
            super(out);
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            int s = Text.trimStart(b, off, off + len);
            int e = Text.trimEnd(b, s, off + len);
            if (s == e) {
                row.setNull(out);
                return null;
            }
            if (e - s != 5 || Text.digits(b, s + 2, 3) < 0) {
                return Reason.BAD_COMMUNE;
            }
            byte c0 = b[s];
            byte c1 = b[s + 1];
            if (c0 == '2' && (c1 == 'A' || c1 == 'a')) {
                row.setBinary(out, CORSE_SUD);
            } else if (c0 == '2' && (c1 == 'B' || c1 == 'b')) {
                row.setBinary(out, HAUTE_CORSE);
            } else if (Text.isDigit(c0) && Text.isDigit(c1) && !(c0 == '0' && c1 == '0')) {
                boolean overseas = c0 == '9' && (c1 == '7' || c1 == '8');
                row.setBinary(out, Binary.fromReusedByteArray(b, s, overseas ? 3 : 2));
            } else {
                return Reason.BAD_COMMUNE;
            }
            return null;
        }
    }

    /** Integers (int or long), kept or banded into {@code lo-hi} / {@code top+} labels. */
    static final class IntegerColumn extends ColumnProcessor {
        private final long min;
        private final long max;
        private final Generalisation.Band band;
        private final Binary[] labelCache = new Binary[256];

        IntegerColumn(int out, boolean isLong, Generalisation.Band band) {
            super(out);
            this.min = isLong ? Long.MIN_VALUE : Integer.MIN_VALUE;
            this.max = isLong ? Long.MAX_VALUE : Integer.MAX_VALUE;
            this.band = band;
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            int s = Text.trimStart(b, off, off + len);
            int e = Text.trimEnd(b, s, off + len);
            if (s == e) {
                row.setNull(out);
                return null;
            }
            boolean neg = false;
            if (b[s] == '-' || b[s] == '+') {
                neg = b[s] == '-';
                s++;
                if (s == e) {
                    return Reason.BAD_INT;
                }
            }
            if (e - s > 19) {
                return Reason.BAD_INT;
            }
            long v = 0;
            for (int i = s; i < e; i++) {
                byte c = b[i];
                if (c < '0' || c > '9') {
                    return Reason.BAD_INT;
                }
                v = v * 10 + (c - '0');
                if (v < 0) {
                    return Reason.BAD_INT; // overflow
                }
            }
            if (neg) {
                v = -v;
            }
            if (v < min || v > max) {
                return Reason.BAD_INT;
            }
            if (band == null) {
                row.setLong(out, v);
            } else {
                row.setBinary(out, label(v));
            }
            return null;
        }

        private Binary label(long v) {
            if (band.top() != null && v >= band.top()) {
                return topLabel();
            }
            long lo = Math.floorDiv(v, (long) band.width()) * band.width();
            long hi = lo + band.width() - 1;
            if (band.top() != null && hi >= band.top()) {
                hi = band.top() - 1L;
            }
            long slot = Math.floorDiv(v, (long) band.width());
            if (slot >= 0 && slot < labelCache.length - 1) {
                Binary cached = labelCache[(int) slot];
                if (cached == null) {
                    cached = Binary.fromConstantByteArray((lo + "-" + hi).getBytes(StandardCharsets.US_ASCII));
                    labelCache[(int) slot] = cached;
                }
                return cached;
            }
            return Binary.fromConstantByteArray((lo + "-" + hi).getBytes(StandardCharsets.US_ASCII));
        }

        private Binary topLabel() {
            int last = labelCache.length - 1;
            if (labelCache[last] == null) {
                labelCache[last] = Binary.fromConstantByteArray((band.top() + "+").getBytes(StandardCharsets.US_ASCII));
            }
            return labelCache[last];
        }
    }

    /** Decimals as INT64 unscaled values with the declared scale; more significant decimals than the scale fail. */
    static final class DecimalColumn extends ColumnProcessor {
        private static final long LIMIT = 999_999_999_999_999_999L; // 18 digits

        private final int scale;

        DecimalColumn(int out, int scale) {
            super(out);
            this.scale = scale;
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            int s = Text.trimStart(b, off, off + len);
            int e = Text.trimEnd(b, s, off + len);
            if (s == e) {
                row.setNull(out);
                return null;
            }
            boolean neg = false;
            if (b[s] == '-' || b[s] == '+') {
                neg = b[s] == '-';
                s++;
            }
            long v = 0;
            int fraction = -1;
            boolean anyDigit = false;
            for (int i = s; i < e; i++) {
                byte c = b[i];
                if (c == '.') {
                    if (fraction >= 0) {
                        return Reason.BAD_DECIMAL;
                    }
                    fraction = 0;
                    continue;
                }
                if (c < '0' || c > '9') {
                    return Reason.BAD_DECIMAL;
                }
                anyDigit = true;
                if (fraction >= 0) {
                    if (fraction == scale) {
                        if (c != '0') {
                            return Reason.BAD_DECIMAL; // would need rounding: refuse rather than change data
                        }
                        continue;
                    }
                    fraction++;
                }
                v = v * 10 + (c - '0');
                if (v > LIMIT) {
                    return Reason.BAD_DECIMAL;
                }
            }
            if (!anyDigit) {
                return Reason.BAD_DECIMAL;
            }
            for (int f = Math.max(fraction, 0); f < scale; f++) {
                v *= 10;
                if (v > LIMIT) {
                    return Reason.BAD_DECIMAL;
                }
            }
            row.setLong(out, neg ? -v : v);
            return null;
        }
    }

    /** Calendar dates (impossible dates such as 2023-02-30 fail), kept or generalised to year-month / year. */
    static final class DateColumn extends ColumnProcessor {
        private final DateFormat format;
        private final Generalisation generalise;
        private final byte[] yearMonth = new byte[7];
        private final Binary yearMonthBinary = Binary.fromReusedByteArray(yearMonth);

        DateColumn(int out, DateFormat format, Generalisation generalise) {
            super(out);
            this.format = format;
            this.generalise = generalise;
            yearMonth[4] = '-';
        }

        @Override
        Reason apply(byte[] b, int off, int len, OutputRow row) {
            int s = Text.trimStart(b, off, off + len);
            int e = Text.trimEnd(b, s, off + len);
            if (s == e) {
                row.setNull(out);
                return null;
            }
            if (e - s != 10) {
                return Reason.BAD_DATE;
            }
            int y;
            int m;
            int d;
            if (format == DateFormat.ISO) {
                if (b[s + 4] != '-' || b[s + 7] != '-') {
                    return Reason.BAD_DATE;
                }
                y = Text.digits(b, s, 4);
                m = Text.digits(b, s + 5, 2);
                d = Text.digits(b, s + 8, 2);
            } else {
                if (b[s + 2] != '/' || b[s + 5] != '/') {
                    return Reason.BAD_DATE;
                }
                d = Text.digits(b, s, 2);
                m = Text.digits(b, s + 3, 2);
                y = Text.digits(b, s + 6, 4);
            }
            if (y < 1 || m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
                return Reason.BAD_DATE;
            }
            if (generalise instanceof Generalisation.YearMonth) {
                yearMonth[0] = (byte) ('0' + y / 1000);
                yearMonth[1] = (byte) ('0' + y / 100 % 10);
                yearMonth[2] = (byte) ('0' + y / 10 % 10);
                yearMonth[3] = (byte) ('0' + y % 10);
                yearMonth[5] = (byte) ('0' + m / 10);
                yearMonth[6] = (byte) ('0' + m % 10);
                row.setBinary(out, yearMonthBinary);
            } else if (generalise instanceof Generalisation.Year) {
                row.setLong(out, y);
            } else {
                row.setLong(out, LocalDate.of(y, m, d).toEpochDay());
            }
            return null;
        }

        private static int lengthOfMonth(int y, int m) {
            return switch (m) {
                case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
        }
    }
}
