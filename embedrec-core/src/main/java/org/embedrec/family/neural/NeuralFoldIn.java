package org.embedrec.family.neural;

import java.util.Arrays;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.nn.SoftmaxCrossEntropy;
import org.embedrec.model.ModelInfo;
import org.embedrec.train.Loss;
import org.embedrec.train.Optimizer;

/**
 * Folds a new user into a fitted {@link ConcatenationNetwork}: the user embedding {@code p}
 * minimizing, with the MLP, item embeddings and item features fixed and the network in inference
 * mode (no dropout),
 *
 * <pre>
 *   J(p) = (1/K) Σ_k loss(MLP(p ⊕ q_{i_k} ⊕ f_{i_k}), r_k)  +  λ |p - p̄|²
 *   λ    = {@value #PRIOR_STRENGTH} / s²,   s² = mean over trained users u of |p_u - p̄|²
 * </pre>
 *
 * where {@code loss} is the model's own training loss, {@code p̄} the mean trained user embedding
 * (the minimizer for an empty profile) and {@code s²} the trained users' spread around it, so that
 * the prior costs {@value #PRIOR_STRENGTH} for a user as far from the average as a typical trained
 * user, whatever the scale the embeddings were trained to.
 *
 * <p>Gradient: the first layer's pre-activation is {@code b_0 + W_0^user p + W_0^item (q_i ⊕ f_i)},
 * so with {@code δ_k = ∂loss_k/∂pre} ({@link Mlp#backwardToFirstLayer}),
 * {@code ∇J = (W_0^user)ᵀ (1/K) Σ_k δ_k + 2λ (p - p̄)}: one small product per step, however many
 * ratings, and each rating costs only the layers after the first (item parts are precomputed).
 *
 * <p>Optimizer: gradient descent from {@code p̄}, each step with a backtracking (Armijo) line search
 * whose first trial is twice the last accepted step, capped at {@code 1/(2λ)} (the step that
 * minimizes the prior term alone); at most {@value #STEPS} steps, fewer once a step gains less than
 * a relative {@value #CONVERGED} or no step decreases J (a kink of a ReLU or of MAE can be the
 * minimum). Monotone, scale-free and deterministic. Thread-safe: all scratch is allocated per call.
 */
final class NeuralFoldIn {
    /** The prior's cost at the trained users' typical squared distance from the mean user. */
    static final double PRIOR_STRENGTH = 0.01;
    /** Gradient-descent steps per fold-in. */
    static final int STEPS = 200;
    /** Stop early once a step improves J by less than this fraction of J: float noise from here on. */
    private static final double CONVERGED = 1e-7;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;

    /** The training loss of one rating given the network outputs of its (user, item) pair. */
    @FunctionalInterface
    interface Loss {
        /** Returns the loss of {@code outputs[offset ..]} for {@code rating}, writing ∂loss/∂outputs to {@code gradient}. */
        double lossAndGradient(float[] outputs, int offset, float rating, float[] gradient);
    }

    private final ConcatenationNetwork network;
    private final Loss loss;
    private final float[] meanUser;
    private final double lambda;
    private final int steps;

    /** The fold-in of the models: {@value #PRIOR_STRENGTH} and {@value #STEPS}. */
    NeuralFoldIn(ConcatenationNetwork network, Loss loss) {
        this(network, loss, PRIOR_STRENGTH, STEPS);
    }

    /** A fold-in with another prior strength or step count (for measuring the choice). */
    NeuralFoldIn(ConcatenationNetwork network, Loss loss, double priorStrength, int steps) {
        if (!(priorStrength > 0) || steps < 0) {
            throw new IllegalArgumentException("fold-in needs a prior strength > 0 and steps >= 0, got " + priorStrength
                    + " and " + steps);
        }
        this.network = network;
        this.loss = loss;
        this.steps = steps;
        int dim = network.userDimensions();
        int users = network.userCount();
        float[] table = network.userEmbeddings();
        double[] mean = new double[dim];
        for (int u = 0; u < users; u++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += table[u * dim + j];
            }
        }
        this.meanUser = new float[dim];
        for (int j = 0; j < dim; j++) {
            meanUser[j] = users == 0 ? 0f : (float) (mean[j] / users);
        }
        double spread = 0;
        for (int u = 0; u < users; u++) {
            for (int j = 0; j < dim; j++) {
                double d = table[u * dim + j] - meanUser[j];
                spread += d * d;
            }
        }
        spread = users == 0 ? 0 : spread / users;
        // Without any spread (no users, or all alike) the prior pins new users to the mean.
        this.lambda = priorStrength / Math.max(spread, 1e-12);
    }

    /** The loss a regression model was trained with: {@code loss} through {@code range} (null = linear). */
    static Loss regression(RatingLoss ratingLoss, SigmoidRange range) {
        return (outputs, offset, rating, gradient) -> {
            float z = outputs[offset];
            gradient[0] = ratingLoss.gradient(z, rating, range);
            return ratingLoss.value(z, rating, range);
        };
    }

    /** The classifier's loss: softmax cross-entropy against the level nearest the rating. */
    static Loss classifier(float[] levels) {
        return (outputs, offset, rating, gradient) -> SoftmaxCrossEntropy.lossAndGradient(outputs, offset,
                levels.length, RatingClassifierModel.nearestLevel(levels, rating), gradient, 0);
    }

    /** The mean trained user embedding {@code p̄} (a copy). */
    float[] meanUser() {
        return meanUser.clone();
    }

    /** λ of the objective. */
    double lambda() {
        return lambda;
    }

    /** The fitted embedding of a user who gave {@code ratings[k]} to {@code items[k]}; checked by the caller. */
    float[] fit(int[] items, float[] ratings) {
        float[] p = meanUser.clone();
        if (items.length == 0) {
            return p;
        }
        Scratch scratch = new Scratch(network);
        int dim = p.length;
        float[] gradient = new float[dim];
        float[] trial = new float[dim];
        float[] trialGradient = new float[dim];
        double value = objective(p, items, ratings, gradient, scratch);
        double maxStep = 1 / (2 * lambda);
        double step = maxStep;
        for (int iteration = 0; iteration < steps; iteration++) {
            double squaredNorm = 0;
            for (float g : gradient) {
                squaredNorm += (double) g * g;
            }
            if (squaredNorm == 0) {
                break;
            }
            double trialValue = Double.NaN;
            int halvings = 0;
            while (true) {
                for (int j = 0; j < dim; j++) {
                    trial[j] = (float) (p[j] - step * gradient[j]);
                }
                trialValue = objective(trial, items, ratings, trialGradient, scratch);
                if (trialValue <= value - ARMIJO * step * squaredNorm) {
                    break;
                }
                if (++halvings > MAX_HALVINGS) {
                    return p; // no step decreases J any more: at a minimum to float precision
                }
                step /= 2;
            }
            System.arraycopy(trial, 0, p, 0, dim);
            System.arraycopy(trialGradient, 0, gradient, 0, dim);
            boolean converged = value - trialValue <= CONVERGED * Math.abs(value);
            value = trialValue;
            if (converged) {
                break;
            }
            step = Math.min(2 * step, maxStep);
        }
        return p;
    }

    /** {@code J(p)}, with {@code ∇J(p)} written to {@code gradient} (length = user dimensions). */
    double objective(float[] p, int[] items, float[] ratings, float[] gradient) {
        return objective(p, items, ratings, gradient, new Scratch(network));
    }

    private double objective(float[] p, int[] items, float[] ratings, float[] gradient, Scratch s) {
        network.userPart(p, 0, s.userPart);
        Arrays.fill(s.preGradientSum, 0f);
        double lossSum = 0;
        float[] outputGradient = s.ws.outputGradient();
        for (int k = 0; k < items.length; k++) {
            network.runFromItemPart(s.userPart, s.pre, items[k], s.ws);
            lossSum += loss.lossAndGradient(s.ws.activations(), s.ws.outputOffset(), ratings[k], outputGradient);
            network.backwardToFirstLayer(s.ws, s.preGradient);
            for (int o = 0; o < s.preGradient.length; o++) {
                s.preGradientSum[o] += s.preGradient[o];
            }
        }
        float inverseCount = items.length == 0 ? 0f : 1f / items.length;
        for (int o = 0; o < s.preGradientSum.length; o++) {
            s.preGradientSum[o] *= inverseCount;
        }
        double prior = 0;
        for (int j = 0; j < p.length; j++) {
            double d = p[j] - meanUser[j];
            prior += d * d;
            gradient[j] = (float) (2 * lambda * d);
        }
        network.addUserGradient(s.preGradientSum, gradient);
        return lossSum * inverseCount + lambda * prior;
    }

    /** One call's scratch arrays. */
    private static final class Scratch {
        final Mlp.Workspace ws;
        final float[] userPart;
        final float[] pre;
        final float[] preGradient;
        final float[] preGradientSum;

        Scratch(ConcatenationNetwork network) {
            int width = network.firstLayerWidth();
            ws = network.mlp().newWorkspace();
            userPart = new float[width];
            pre = new float[width];
            preGradient = new float[width];
            preGradientSum = new float[width];
        }
    }
}
