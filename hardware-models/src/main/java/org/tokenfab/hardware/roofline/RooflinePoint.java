package org.tokenfab.hardware.roofline;

/**
 * One point of the roofline: a decode step of {@code batch} sequences at {@code context} tokens,
 * or a prefill of {@code context} prompt tokens ({@code batch} = 1).
 *
 * @param flops          floating-point operations of the step, whole replica
 * @param bytes          bytes moved from memory (weights read, KV read and written), whole replica
 * @param intensity      flops / bytes
 * @param stepSeconds    max(flops / peak, bytes / bandwidth): the ideal step time
 * @param tokensPerSecond tokens produced (decode) or processed (prefill) per second
 * @param memoryBound    whether bandwidth, not compute, sets the step time
 */
public record RooflinePoint(String phase, int batch, int context, double flops, double bytes, double intensity,
        double stepSeconds, double tokensPerSecond, boolean memoryBound) {

    /** Decode tokens per second seen by one user (1 / step time); prefill: same as tokensPerSecond. */
    public double tokensPerSecondPerUser() {
        return phase.equals("decode") ? 1 / stepSeconds : tokensPerSecond;
    }
}
