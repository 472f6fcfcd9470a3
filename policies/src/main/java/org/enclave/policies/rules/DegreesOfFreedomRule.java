package org.enclave.policies.rules;

import org.enclave.policies.Reason;
import org.enclave.policies.Statistic;
import org.enclave.policies.table.CellTable;

/**
 * Regression-type outputs: a model with fewer than {@code minResidualDf} residual degrees of freedom
 * is primary ({@code dof}); exactly {@code minResidualDf} passes. A model fitted on almost as many
 * observations as parameters comes close to reproducing the observations (ESSnet guidelines for output
 * checking, 2009). Any {@code dof} cell fails the table.
 *
 * @param minResidualDf least residual degrees of freedom, {@code >= 0}
 */
public record DegreesOfFreedomRule(int minResidualDf) implements Rule {

    private static final int DOF = Reason.DOF.bit();

    @Override
    public int evaluate(CellTable t, int i) {
        return t.statistic() == Statistic.REGRESSION && t.dof(i) < minResidualDf ? DOF : 0;
    }

    @Override
    public void evaluateAll(CellTable t, int[] masks) {
        if (t.statistic() != Statistic.REGRESSION) {
            return;
        }
        for (int i = 0, n = t.size(); i < n; i++) {
            masks[i] |= evaluate(t, i);
        }
    }
}
