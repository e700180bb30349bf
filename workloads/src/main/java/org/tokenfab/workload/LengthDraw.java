package org.tokenfab.workload;

/**
 * The lengths of one request, filled in place by {@link RequestLengths#sample} so that drawing
 * allocates nothing: the caller keeps one holder and copies the fields out.
 *
 * <p>Always {@code reasoning + answer == output}. {@link #set} makes the whole output answer;
 * a {@link ReasoningSplit} then moves part of it to reasoning.
 */
public final class LengthDraw {
    private int input;
    private int output;
    private int reasoning;
    private int answer;

    /**
     * Sets the prompt and output lengths; the output is all answer, no reasoning.
     *
     * @throws IllegalArgumentException if a length is below 1
     */
    public void set(int input, int output) {
        if (input < 1 || output < 1) {
            throw new IllegalArgumentException("lengths must be >= 1, got input=" + input + " output=" + output);
        }
        this.input = input;
        this.output = output;
        this.reasoning = 0;
        this.answer = output;
    }

    /**
     * Splits the output: {@code reasoning} tokens of thinking, the rest answer.
     *
     * @throws IllegalArgumentException unless 0 &le; reasoning &le; output
     */
    public void splitOutput(int reasoning) {
        if (reasoning < 0 || reasoning > output) {
            throw new IllegalArgumentException("reasoning must be in [0, output=" + output + "], got " + reasoning);
        }
        this.reasoning = reasoning;
        this.answer = output - reasoning;
    }

    /** Prompt tokens. */
    public int input() {
        return input;
    }

    /** Generated tokens, reasoning included. */
    public int output() {
        return output;
    }

    /** Generated tokens that are reasoning (thinking), 0 for non-reasoning models. */
    public int reasoning() {
        return reasoning;
    }

    /** Generated tokens that are the answer: {@code output - reasoning}. */
    public int answer() {
        return answer;
    }

    @Override
    public String toString() {
        return "LengthDraw[input=" + input + ", output=" + output + ", reasoning=" + reasoning + ", answer=" + answer + "]";
    }
}
