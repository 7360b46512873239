package org.embedrec.analysis;

import java.util.Arrays;

/**
 * The 2-D space-partitioning tree of Barnes-Hut t-SNE, rebuilt from the map every iteration. Cells
 * hold their point count and centre of mass; a leaf holds a list of points (more than one only when
 * they coincide or the depth limit is reached, which keeps nearly equal points from recursing
 * forever). Flat arrays rather than node objects: the tree is rebuilt a thousand times per map.
 */
final class QuadTree {
    private static final int MAX_DEPTH = 48;
    /** A depth-first walk holds at most 3 siblings per level plus the 4 children of the deepest node. */
    static final int STACK_SIZE = 3 * (MAX_DEPTH + 1) + 4;

    private final double[] y;
    private final int[] nextInLeaf;
    private double[] centreX;
    private double[] centreY;
    private double[] halfWidth;
    private double[] massX;
    private double[] massY;
    private int[] count;
    private int[] firstChild;
    private int[] head;
    private int[] depth;
    private int nodes;

    /** A tree over {@code y}, interleaved {@code x0, y0, x1, y1, ...}. */
    QuadTree(double[] y) {
        this.y = y;
        int n = y.length / 2;
        this.nextInLeaf = new int[n];
        allocate(Math.max(16, 4 * n));
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            minX = Math.min(minX, y[2 * p]);
            maxX = Math.max(maxX, y[2 * p]);
            minY = Math.min(minY, y[2 * p + 1]);
            maxY = Math.max(maxY, y[2 * p + 1]);
        }
        double half = Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-6) + 1e-12;
        newNode((minX + maxX) / 2, (minY + maxY) / 2, half, 0);
        for (int p = 0; p < n; p++) {
            insert(p);
        }
    }

    private void allocate(int capacity) {
        centreX = grow(centreX, capacity);
        centreY = grow(centreY, capacity);
        halfWidth = grow(halfWidth, capacity);
        massX = grow(massX, capacity);
        massY = grow(massY, capacity);
        count = grow(count, capacity);
        firstChild = grow(firstChild, capacity);
        head = grow(head, capacity);
        depth = grow(depth, capacity);
    }

    private static double[] grow(double[] a, int capacity) {
        return a == null ? new double[capacity] : Arrays.copyOf(a, capacity);
    }

    private static int[] grow(int[] a, int capacity) {
        return a == null ? new int[capacity] : Arrays.copyOf(a, capacity);
    }

    private int newNode(double cx, double cy, double half, int level) {
        if (nodes == centreX.length) {
            allocate(nodes * 2);
        }
        int node = nodes++;
        centreX[node] = cx;
        centreY[node] = cy;
        halfWidth[node] = half;
        massX[node] = 0;
        massY[node] = 0;
        count[node] = 0;
        firstChild[node] = -1;
        head[node] = -1;
        depth[node] = level;
        return node;
    }

    private void insert(int p) {
        double px = y[2 * p];
        double py = y[2 * p + 1];
        int node = 0;
        while (true) {
            if (firstChild[node] < 0) {
                int q = head[node];
                if (q < 0 || depth[node] >= MAX_DEPTH || (y[2 * q] == px && y[2 * q + 1] == py)) {
                    nextInLeaf[p] = q;
                    head[node] = p;
                    addMass(node, px, py, 1);
                    return;
                }
                // Split the leaf: its points all sit at q's position, so they move into one child together.
                subdivide(node);
                int child = childFor(node, y[2 * q], y[2 * q + 1]);
                head[child] = head[node];
                count[child] = count[node];
                massX[child] = massX[node];
                massY[child] = massY[node];
                head[node] = -1;
            }
            addMass(node, px, py, 1);
            node = childFor(node, px, py);
        }
    }

    private void addMass(int node, double px, double py, int points) {
        count[node] += points;
        massX[node] += px;
        massY[node] += py;
    }

    private void subdivide(int node) {
        double half = halfWidth[node] / 2;
        double cx = centreX[node];
        double cy = centreY[node];
        int level = depth[node] + 1;
        int first = newNode(cx - half, cy - half, half, level);
        newNode(cx + half, cy - half, half, level);
        newNode(cx - half, cy + half, half, level);
        newNode(cx + half, cy + half, half, level);
        firstChild[node] = first;
    }

    private int childFor(int node, double px, double py) {
        return firstChild[node] + (px >= centreX[node] ? 1 : 0) + (py >= centreY[node] ? 2 : 0);
    }

    /**
     * Adds the Barnes-Hut estimate of the unnormalized repulsion on point {@code p} to
     * {@code force[2p], force[2p+1]}: {@code Σ_j q_ij² (y_p - y_j)} with {@code q_ij = 1 / (1 + |y_p - y_j|²)},
     * summarizing a cell by its centre of mass when its width is below {@code theta} times its distance.
     *
     * <p>Reads the tree only, so threads may call it concurrently, each with its own {@code stack}.
     *
     * @param stack scratch space of {@link #STACK_SIZE} entries
     * @return the estimate of {@code Σ_j q_ij} over {@code j ≠ p}, needed to normalize the repulsion
     */
    double repulsion(int p, double theta, double[] force, int[] stack) {
        double px = y[2 * p];
        double py = y[2 * p + 1];
        double theta2 = theta * theta;
        double sumQ = 0;
        double fx = 0;
        double fy = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            if (count[node] == 0) {
                continue;
            }
            if (firstChild[node] < 0) {
                for (int q = head[node]; q >= 0; q = nextInLeaf[q]) {
                    if (q != p) {
                        double dx = px - y[2 * q];
                        double dy = py - y[2 * q + 1];
                        double kernel = 1 / (1 + dx * dx + dy * dy);
                        sumQ += kernel;
                        double mult = kernel * kernel;
                        fx += mult * dx;
                        fy += mult * dy;
                    }
                }
                continue;
            }
            double dx = px - massX[node] / count[node];
            double dy = py - massY[node] / count[node];
            double distance2 = dx * dx + dy * dy;
            double width = 2 * halfWidth[node];
            if (width * width < theta2 * distance2) {
                double kernel = 1 / (1 + distance2);
                sumQ += count[node] * kernel;
                double mult = count[node] * kernel * kernel;
                fx += mult * dx;
                fy += mult * dy;
            } else {
                int first = firstChild[node];
                for (int c = 0; c < 4; c++) {
                    stack[top++] = first + c;
                }
            }
        }
        force[2 * p] += fx;
        force[2 * p + 1] += fy;
        return sumQ;
    }

    /** Number of points in the tree (for tests). */
    int size() {
        return count[0];
    }
}
