package org.enclave.compute.aggregate;

import java.io.Serializable;

/**
 * The two largest contributions of a cell by absolute value (sign kept), {@code null} when absent.
 * A mutable bean because Spark's bean encoder needs one; used only inside {@link TopTwoByMagnitude}.
 */
public final class TopTwo implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many largest contributions the enclave computes per cell (enough for (n,k) rules with n <= 2). */
    public static final int CAPACITY = 2;

    private Double first;
    private Double second;

    public TopTwo() {
    }

    public Double getFirst() {
        return first;
    }

    public void setFirst(Double first) {
        this.first = first;
    }

    public Double getSecond() {
        return second;
    }

    public void setSecond(Double second) {
        this.second = second;
    }

    TopTwo offer(Double value) {
        if (value == null) {
            return this;
        }
        if (first == null || Math.abs(value) > Math.abs(first)) {
            second = first;
            first = value;
        } else if (second == null || Math.abs(value) > Math.abs(second)) {
            second = value;
        }
        return this;
    }
}
