package org.enclave.policies.suppression;

/** The 4x4 trap: two closed rectangles joined by one bridge cell (1,2), which is exactly derivable. */
final class TrapTable {

    private TrapTable() {
    }

    static TableFixture table() {
        return TableFixture.grid(new double[][] {
                {5, 6, 7, 8},
                {4, 9, 3, 6},
                {7, 2, 8, 5},
                {6, 8, 4, 9}});
    }

    static int[] cells(TableFixture t) {
        return new int[] {
                t.cell(0, 0), t.cell(0, 1), t.cell(1, 0), t.cell(1, 1),
                t.cell(2, 2), t.cell(2, 3), t.cell(3, 2), t.cell(3, 3),
                t.cell(1, 2)};
    }

    static boolean[] pattern(TableFixture t) {
        return t.pattern(cells(t));
    }
}
