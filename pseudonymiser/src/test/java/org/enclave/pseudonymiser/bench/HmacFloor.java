package org.enclave.pseudonymiser.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.enclave.pseudonymiser.csns.CsnsEncoding;
import org.enclave.pseudonymiser.csns.HmacSha256;

/**
 * The floor of the benchmark: CSNS HMACs alone (21-byte CSNS-v1 messages, precomputed states), on T threads.
 * Usage: {@code HmacFloor ROWS THREADS}. Prints {@code hmac_rows_per_s=<n>}.
 */
public final class HmacFloor {
    private HmacFloor() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        HmacSha256 mac = new HmacSha256(new byte[32]);
        run(mac, Math.min(rows, 2_000_000), threads); // warm-up
        long t0 = System.nanoTime();
        long sink = run(mac, rows, threads);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "hmac_rows_per_s=%.0f%n", rows / s);
        System.out.printf(Locale.ROOT, "hmac_ns_per_op_per_thread=%.1f (check %d)%n", s * 1e9 * threads / rows, sink & 1);
    }

    static long run(HmacSha256 mac, long rows, int threads) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        long[] sinks = new long[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            final long n = rows / threads + (t < rows % threads ? 1 : 0);
            Thread th = new Thread(() -> {
                byte[] msg = CsnsEncoding.V1.newBuffer();
                byte[] body = "1850175056001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] out = new byte[32];
                long acc = 0;
                for (long i = 0; i < n; i++) {
                    body[12] = (byte) ('0' + (i % 10));
                    body[11] = (byte) ('0' + (i / 10 % 10));
                    body[10] = (byte) ('0' + id);
                    CsnsEncoding.V1.encodeBody(body, msg);
                    mac.mac(msg, 0, msg.length, out, 0);
                    acc += out[0];
                }
                sinks[id] = acc;
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        long s = 0;
        for (long v : sinks) {
            s += v;
        }
        return s;
    }
}
