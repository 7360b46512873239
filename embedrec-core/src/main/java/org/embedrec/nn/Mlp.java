package org.embedrec.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The layout of a multi-layer perceptron: {@link Dense} layers of widths
 * {@code widths[0] → widths[1] → … → widths[L]}, each hidden layer followed by a ReLU and (in
 * training) inverted {@link Dropout}; the input gets its own dropout; the last layer is linear.
 *
 * <pre>
 *   a_0     = dropout_in(x)
 *   a_{l+1} = dropout_hidden(relu(W_l a_l + b_l))   for l &lt; L - 1
 *   out     = W_{L-1} a_{L-1} + b_{L-1}
 * </pre>
 *
 * <p>All weights and biases live in one flat parameter array ({@link #parameterCount()} floats:
 * layer by layer, {@code W_l} row-major {@code [widths[l+1], widths[l]]} then {@code b_l}), owned by
 * the caller, so that a trainer updates it with one dense optimizer step and a model keeps it
 * immutable. Immutable and thread-safe; per-thread scratch lives in a {@link Workspace}.
 */
public final class Mlp {
    private final int[] widths;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    /** A layout with {@code widths.length - 1} layers; every width must be at least 1. */
    public Mlp(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output width, got " + Arrays.toString(widths));
        }
        for (int width : widths) {
            if (width < 1) {
                throw new IllegalArgumentException("layer widths must be >= 1, got " + Arrays.toString(widths));
            }
        }
        this.widths = widths.clone();
        int layers = widths.length - 1;
        this.weightOffsets = new int[layers];
        this.biasOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) widths[l] * widths[l + 1];
            biasOffsets[l] = (int) offset;
            offset += widths[l + 1];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("MLP too large: " + Arrays.toString(widths));
            }
        }
        this.parameterCount = (int) offset;
    }

    /** Number of dense layers. */
    public int layerCount() {
        return widths.length - 1;
    }

    /** The widths, input first, output last (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    /** Width of level {@code level}: 0 = input, {@link #layerCount()} = output. */
    public int width(int level) {
        return widths[level];
    }

    /** Width of the input vector. */
    public int inputWidth() {
        return widths[0];
    }

    /** Number of outputs. */
    public int outputWidth() {
        return widths[widths.length - 1];
    }

    /** Length of the flat parameter array. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Offset of {@code W_layer} in the parameter array. */
    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    /** Offset of {@code b_layer} in the parameter array. */
    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /**
     * Initializes {@code parameters}: He normal for layers followed by a ReLU, Glorot uniform for
     * the linear output layer, zero biases.
     */
    public void initialize(float[] parameters, SplittableRandom random) {
        checkParameters(parameters);
        Arrays.fill(parameters, 0f);
        for (int l = 0; l < layerCount(); l++) {
            if (l < layerCount() - 1) {
                Dense.heNormal(parameters, weightOffsets[l], widths[l], widths[l + 1], random);
            } else {
                Dense.glorotUniform(parameters, weightOffsets[l], widths[l], widths[l + 1], random);
            }
        }
    }

    /** Scratch space for one thread; see {@link Workspace}. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Inference (no dropout): runs the network on {@code ws.input()} (the caller fills
     * {@code ws.input()[0 .. inputWidth)}) and leaves the outputs at
     * {@code ws.activations()[ws.outputOffset() ..]}.
     */
    public void infer(float[] parameters, Workspace ws) {
        for (int l = 0; l < layerCount(); l++) {
            layer(parameters, l, ws);
        }
    }

    /**
     * Inference from the first layer's pre-activation {@code pre[offset .. offset + width(1))}
     * (its {@code W_0 x + b_0}, e.g. assembled from precomputed user and item parts): the remaining
     * layers. Outputs as in {@link #infer}.
     */
    public void inferFromFirstLayer(float[] parameters, float[] pre, int offset, Workspace ws) {
        System.arraycopy(pre, offset, ws.activations, ws.offsets[1], widths[1]);
        if (layerCount() > 1) {
            Activations.relu(ws.activations, ws.offsets[1], widths[1]);
        }
        for (int l = 1; l < layerCount(); l++) {
            layer(parameters, l, ws);
        }
    }

    /**
     * Adds {@code Σ_c W_0[o][column + c] x[xOffset + c]} for {@code c < count} to
     * {@code out[outOffset + o]}: the contribution of one block of input columns (say, the user
     * embedding) to the first layer's pre-activation.
     */
    public void addFirstLayerPart(float[] parameters, int column, int count, float[] x, int xOffset,
            float[] out, int outOffset) {
        int in = widths[0];
        for (int o = 0; o < widths[1]; o++) {
            out[outOffset + o] += Dense.dot(parameters, weightOffsets[0] + o * in + column, x, xOffset, count);
        }
    }

    /** Copies {@code b_0} (the first layer's bias) to {@code out[outOffset ..]}. */
    public void copyFirstLayerBias(float[] parameters, float[] out, int outOffset) {
        System.arraycopy(parameters, biasOffsets[0], out, outOffset, widths[1]);
    }

    /**
     * Training forward pass on {@code ws.input()}, drawing fresh dropout masks ({@code inputDropout}
     * on the input, {@code hiddenDropout} after every hidden ReLU) from {@code random}.
     */
    public void forwardTraining(float[] parameters, Workspace ws, float inputDropout, float hiddenDropout,
            SplittableRandom random) {
        Dropout.sampleMask(ws.masks, 0, widths[0], inputDropout, random);
        Dropout.apply(ws.activations, 0, ws.masks, 0, widths[0]);
        for (int l = 0; l < layerCount(); l++) {
            layer(parameters, l, ws);
            if (l < layerCount() - 1) {
                int at = ws.offsets[l + 1];
                Dropout.sampleMask(ws.masks, at, widths[l + 1], hiddenDropout, random);
                Dropout.apply(ws.activations, at, ws.masks, at, widths[l + 1]);
            }
        }
    }

    /**
     * Backward pass of the last {@link #forwardTraining}: from the output gradient the caller wrote
     * to {@code ws.outputGradient()}, adds every parameter gradient to {@code gradient} (same layout
     * as the parameters) and leaves the gradient with respect to the network input (before input
     * dropout) in {@code ws.inputGradient()}.
     */
    public void backward(float[] parameters, Workspace ws, float[] gradient) {
        float[] current = ws.deltaA;
        float[] next = ws.deltaB;
        System.arraycopy(ws.outputGradient, 0, current, 0, outputWidth());
        for (int l = layerCount() - 1; l >= 0; l--) {
            float[] dx = l > 0 ? next : ws.inputGradient;
            Dense.backward(parameters, weightOffsets[l], widths[l], widths[l + 1], ws.activations, ws.offsets[l],
                    current, 0, gradient, weightOffsets[l], gradient, biasOffsets[l], dx, 0);
            Dropout.apply(dx, 0, ws.masks, ws.offsets[l], widths[l]);
            if (l > 0) {
                // The stored activation is relu(z) times the mask, zero exactly where the mask or the ReLU is.
                Activations.reluBackward(ws.activations, ws.offsets[l], dx, 0, widths[l]);
            }
            float[] swap = current;
            current = next;
            next = swap;
        }
    }

    /**
     * Inference-mode backward pass down to the first layer, for gradients with respect to the input
     * alone (parameters fixed, no dropout): after {@link #infer} or {@link #inferFromFirstLayer},
     * from the output gradient the caller wrote to {@code ws.outputGradient()}, writes
     * {@code ∂loss/∂(W_0 x + b_0)} to {@code out[outOffset .. outOffset + width(1))}. The input
     * gradient is then {@code W_0ᵀ} times it, which a caller summing over many inputs that share
     * {@code W_0} can apply once to the sum. No parameter gradient is formed.
     */
    public void backwardToFirstLayer(float[] parameters, Workspace ws, float[] out, int outOffset) {
        float[] current = ws.deltaA;
        float[] next = ws.deltaB;
        System.arraycopy(ws.outputGradient, 0, current, 0, outputWidth());
        for (int l = layerCount() - 1; l >= 1; l--) {
            int in = widths[l];
            int w = weightOffsets[l];
            java.util.Arrays.fill(next, 0, in, 0f);
            for (int o = 0; o < widths[l + 1]; o++) {
                float d = current[o];
                if (d != 0f) {
                    for (int i = 0; i < in; i++) {
                        next[i] += parameters[w + o * in + i] * d;
                    }
                }
            }
            // Level l is a hidden ReLU's output: the gradient passes only where it is positive.
            Activations.reluBackward(ws.activations, ws.offsets[l], next, 0, in);
            float[] swap = current;
            current = next;
            next = swap;
        }
        System.arraycopy(current, 0, out, outOffset, widths[1]);
    }

    private void layer(float[] parameters, int l, Workspace ws) {
        float[] a = ws.activations;
        Dense.forward(parameters, weightOffsets[l], parameters, biasOffsets[l], widths[l], widths[l + 1],
                a, ws.offsets[l], a, ws.offsets[l + 1]);
        if (l < layerCount() - 1) {
            Activations.relu(a, ws.offsets[l + 1], widths[l + 1]);
        }
    }

    private void checkParameters(float[] parameters) {
        if (parameters.length != parameterCount) {
            throw new IllegalArgumentException("MLP " + Arrays.toString(widths) + " has " + parameterCount
                    + " parameters, got an array of " + parameters.length);
        }
    }

    /**
     * One thread's scratch arrays: the activations of every level side by side (input first), the
     * dropout masks in the same layout, and gradient buffers. Not thread-safe; allocate one per thread.
     */
    public static final class Workspace {
        private final int[] offsets;
        private final float[] activations;
        private final float[] masks;
        private final float[] deltaA;
        private final float[] deltaB;
        private final float[] outputGradient;
        private final float[] inputGradient;

        private Workspace(Mlp mlp) {
            int levels = mlp.widths.length;
            offsets = new int[levels];
            int total = 0;
            int widest = 0;
            for (int level = 0; level < levels; level++) {
                offsets[level] = total;
                total += mlp.widths[level];
                widest = Math.max(widest, mlp.widths[level]);
            }
            activations = new float[total];
            masks = new float[total];
            deltaA = new float[widest];
            deltaB = new float[widest];
            outputGradient = new float[mlp.outputWidth()];
            inputGradient = new float[mlp.inputWidth()];
        }

        /** The input vector, at offset 0 (the caller fills it before a forward pass). */
        public float[] input() {
            return activations;
        }

        /** All activations; the outputs start at {@link #outputOffset()}. */
        public float[] activations() {
            return activations;
        }

        /** Offset of the network outputs in {@link #activations()}. */
        public int outputOffset() {
            return offsets[offsets.length - 1];
        }

        /** Where the caller writes ∂loss/∂output before {@link Mlp#backward}. */
        public float[] outputGradient() {
            return outputGradient;
        }

        /** ∂loss/∂input after {@link Mlp#backward}. */
        public float[] inputGradient() {
            return inputGradient;
        }
    }
}
