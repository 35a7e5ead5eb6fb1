package libsvm;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The dense kernel must leave LIBSVM's solver taking exactly the steps svm_train takes. */
@Tag("slow")
class DenseOneClassSolverTest {
    static {
        svm.svm_set_print_string_function(s -> { });
    }

    @ParameterizedTest
    @ValueSource(ints = {svm_parameter.RBF, svm_parameter.LINEAR, svm_parameter.POLY, svm_parameter.SIGMOID})
    void sameCoefficientsAndRhoAsSvmTrainForAnyThreadCount(int kernel) {
        int n = 3000; // longer than one parallel chunk of a kernel column
        int d = 5;
        SplittableRandom rnd = new SplittableRandom(kernel + 11);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() * 2 - 1 + (i % d == 0 && i / d % 50 == 0 ? 4 : 0);
        }
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.ONE_CLASS;
        p.kernel_type = kernel;
        p.degree = 3;
        p.gamma = 0.2;
        p.coef0 = 0.5;
        p.nu = 0.05;
        p.eps = 1e-3;
        p.cache_size = 1; // small: columns are evicted and recomputed
        p.shrinking = 1;
        p.C = 1;
        svm_model reference = svm.svm_train(problem(x, n, d), p);

        for (int threads : new int[] {1, 2}) {
            DenseOneClassSolver.Solution s = DenseOneClassSolver.solve(x, n, d, p, threads);
            assertThat(s.rho()).isEqualTo(reference.rho[0]);
            int sv = 0;
            for (int i = 0; i < n; i++) {
                if (s.alpha()[i] != 0) {
                    assertThat(reference.sv_indices[sv]).isEqualTo(i + 1);
                    assertThat(s.alpha()[i]).isEqualTo(reference.sv_coef[0][sv]);
                    sv++;
                }
            }
            assertThat(sv).isEqualTo(reference.l).isGreaterThan(0);
        }
    }

    private static svm_problem problem(double[] x, int n, int d) {
        svm_problem prob = new svm_problem();
        prob.l = n;
        prob.y = new double[n];
        prob.x = new svm_node[n][d];
        for (int i = 0; i < n; i++) {
            prob.y[i] = 1;
            for (int j = 0; j < d; j++) {
                svm_node node = new svm_node();
                node.index = j + 1;
                node.value = x[i * d + j];
                prob.x[i][j] = node;
            }
        }
        return prob;
    }
}
