package org.enclave.compute.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scala.collection.Iterator;

/** Small conversions from Spark's Scala collections of names. */
final class ScalaNames {

    private ScalaNames() {
    }

    static List<String> lower(scala.collection.Iterable<String> names) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = names.iterator();
        while (it.hasNext()) {
            out.add(it.next().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Quoted for a message: {@code a.b} with backquotes where needed. */
    static String display(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(part.matches("[a-z_][a-z0-9_]*") ? part : '`' + part.replace("`", "``") + '`');
        }
        return sb.toString();
    }
}
