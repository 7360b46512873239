package org.embedrec.nn;

/**
 * Softmax over {@code k} logits and the cross-entropy of a target class:
 * {@code p_j = e^{z_j} / Σ e^{z_m}}, {@code loss = -log p_target}, {@code ∂loss/∂z_j = p_j - [j = target]}.
 * Logits are shifted by their maximum first, so large logits do not overflow.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Writes the softmax of {@code logits[offset .. offset + k)} to {@code out[outOffset ..]}. */
    public static void softmax(float[] logits, int offset, int k, float[] out, int outOffset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            float e = (float) Math.exp(logits[offset + j] - max);
            out[outOffset + j] = e;
            sum += e;
        }
        float inverse = (float) (1 / sum);
        for (int j = 0; j < k; j++) {
            out[outOffset + j] *= inverse;
        }
    }

    /**
     * Returns {@code -log softmax(logits)[target]} and writes its gradient with respect to the logits
     * to {@code grad[gradOffset ..]} (which may be the logits array itself at the same offset).
     */
    public static double lossAndGradient(float[] logits, int offset, int k, int target, float[] grad, int gradOffset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        double logSum = Math.log(sum) + max;
        double loss = logSum - logits[offset + target];
        for (int j = 0; j < k; j++) {
            grad[gradOffset + j] = (float) Math.exp(logits[offset + j] - logSum);
        }
        grad[gradOffset + target] -= 1f;
        return loss;
    }
}
