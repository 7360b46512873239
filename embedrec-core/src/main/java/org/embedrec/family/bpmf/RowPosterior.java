package org.embedrec.family.bpmf;

import java.util.SplittableRandom;
import org.embedrec.model.Cholesky;

/**
 * The Gaussian conditional posterior of one row of BPMF (one user, or one item) given everything
 * else: the row's vector {@code x = (w, b)} (its {@code d} factors, then its bias when the model has
 * biases) has the prior {@code N(μ, Λ⁻¹)} and each of its ratings {@code r_j} with a partner
 * {@code j} of the other side is observed as
 *
 * <pre>
 *   r_j ~ N(g + w · v_j + b + c_j, α⁻¹)        z_j = (v_j, 1),  t_j = r_j − g − c_j
 * </pre>
 *
 * (without biases {@code z_j = v_j}, {@code t_j = r_j − g}), so the posterior is normal with
 *
 * <pre>
 *   precision  P = Λ + α Σ_j z_j z_jᵀ          mean  m = P⁻¹ (Λμ + α Σ_j t_j z_j)
 * </pre>
 *
 * (Salakhutdinov and Mnih 2008, eq. 12–13). With {@code P = L Lᵀ} a draw is
 * {@code L⁻ᵀ (L⁻¹ (Λμ + α Σ t z) + ε)} for a standard normal {@code ε}: mean {@code m}, covariance
 * {@code L⁻ᵀ L⁻¹ = P⁻¹}. The bias is the "extra factor column with a constant partner" of Rendle,
 * Zhang and Koren (2019), so the Normal-Wishart hyperprior covers it too.
 *
 * <p>The trainer draws rows with it and the model's fold-in takes its mean; one instance per thread
 * holds the scratch arrays. A row's result depends only on its inputs and its random stream.
 */
final class RowPosterior {
    private final int dim;
    private final int length;
    private final boolean biases;
    private final double[] precision;
    private final double[] shift;
    private final double[] scaled;

    /**
     * @param dim factors per row, {@code d}
     * @param biases whether rows carry a bias after their factors ({@code length = d + 1})
     */
    RowPosterior(int dim, boolean biases) {
        this.dim = dim;
        this.biases = biases;
        this.length = dim + (biases ? 1 : 0);
        this.precision = new double[length * length];
        this.shift = new double[length];
        this.scaled = new double[length];
    }

    /** {@code d}, or {@code d + 1} with biases: the length of a row's vector and its prior. */
    int length() {
        return length;
    }

    /**
     * Draws the row (or, with {@code random == null}, takes its posterior mean) and writes its factors
     * to {@code outFactors[outOffset .. outOffset + d)} and its bias to {@code outBias[outBiasIndex]}.
     *
     * @param partnerFactors the other side's factors: partner {@code j}'s are
     *     {@code [j * stride + base, j * stride + base + d)}
     * @param partnerBiases the other side's biases, partner {@code j}'s at {@code biasBase + j}
     *     ({@code null} without biases)
     * @param partners the row's partners, {@code [from, to)}
     * @param ratings their ratings, aligned with {@code partners}
     * @param global {@code g}, subtracted from every rating
     * @param alpha the observation precision α
     * @param priorPrecision Λ, {@code length × length} row-major (the lower triangle is read)
     * @param priorShift Λμ, {@code length}
     * @param random the row's own stream, or {@code null} for the posterior mean
     */
    void draw(float[] partnerFactors, int stride, int base, float[] partnerBiases, int biasBase, int[] partners,
            float[] ratings, int from, int to, double global, double alpha, double[] priorPrecision,
            double[] priorShift, SplittableRandom random, float[] outFactors, int outOffset, float[] outBias,
            int outBiasIndex) {
        System.arraycopy(priorPrecision, 0, precision, 0, precision.length);
        System.arraycopy(priorShift, 0, shift, 0, length);
        for (int k = from; k < to; k++) {
            int partner = partners[k];
            int offset = partner * stride + base;
            double target = ratings[k] - global - (biases ? partnerBiases[biasBase + partner] : 0);
            for (int a = 0; a < dim; a++) {
                scaled[a] = alpha * partnerFactors[offset + a];
            }
            if (biases) {
                scaled[dim] = alpha;
            }
            for (int a = 0; a < dim; a++) {
                shift[a] += target * scaled[a];
                double za = partnerFactors[offset + a];
                int row = a * length;
                for (int b = 0; b <= a; b++) {
                    precision[row + b] += scaled[b] * za;
                }
            }
            if (biases) {
                shift[dim] += target * alpha;
                int row = dim * length;
                for (int b = 0; b <= dim; b++) {
                    precision[row + b] += scaled[b];
                }
            }
        }
        Cholesky.factor(precision, length);
        Cholesky.solveLower(precision, shift, length);
        if (random != null) {
            for (int a = 0; a < length; a++) {
                shift[a] += random.nextGaussian();
            }
        }
        Cholesky.solveUpper(precision, shift, length);
        for (int a = 0; a < dim; a++) {
            outFactors[outOffset + a] = (float) shift[a];
        }
        if (biases) {
            outBias[outBiasIndex] = (float) shift[dim];
        }
    }

    /** Λμ for a prior with precision {@code precision} and mean {@code mean} ({@code length} long). */
    static double[] shift(double[] precision, double[] mean, int length) {
        double[] shift = new double[length];
        for (int a = 0; a < length; a++) {
            double sum = 0;
            for (int b = 0; b < length; b++) {
                sum += precision[a * length + b] * mean[b];
            }
            shift[a] = sum;
        }
        return shift;
    }
}
