package org.tokenfab.validation.kernels;

import java.util.Set;

/**
 * What each Vidur operator is, in TokenFab's terms: the GEMM shape of the projections and the
 * bytes of the element-wise kernels, for one model at one TP degree (fp16, 2 bytes).
 */
final class VidurShapes {
    static final Set<String> GEMMS = Set.of("attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj");
    static final Set<String> ELEMENTWISE = Set.of("input_layernorm", "post_attention_layernorm", "attn_rope", "mlp_act", "add");

    private VidurShapes() {
    }

    /** TokenFab element-wise kind of a Vidur operator. */
    static String kind(String op) {
        return switch (op) {
            case "input_layernorm", "post_attention_layernorm" -> "norm";
            case "add" -> "add";
            case "attn_rope" -> "rope";
            case "mlp_act" -> "activation";
            default -> throw new IllegalArgumentException("not element-wise: " + op);
        };
    }

    /** {n, k} of a projection on one GPU. */
    static double[] gemm(Rows.VidurOp r) {
        double d = (double) r.hidden() / r.heads();
        return switch (r.op()) {
            case "attn_pre_proj" -> new double[] {(r.heads() + 2.0 * r.kvHeads()) * d / r.tp(), r.hidden()};
            case "attn_post_proj" -> new double[] {r.hidden(), r.heads() * d / r.tp()};
            case "mlp_up_proj" -> new double[] {(r.gated() ? 2.0 : 1.0) * r.ffn() / r.tp(), r.hidden()};
            case "mlp_down_proj" -> new double[] {r.hidden(), (double) r.ffn() / r.tp()};
            default -> throw new IllegalArgumentException("not a GEMM: " + r.op());
        };
    }

    /** Bytes an element-wise kernel moves (read + write, 2 bytes per element). */
    static double bytes(Rows.VidurOp r) {
        double m = r.tokens();
        double h = r.hidden();
        double d = h / r.heads();
        return switch (r.op()) {
            case "input_layernorm", "post_attention_layernorm" -> 2 * 2 * m * h;
            case "add" -> 2 * 3 * m * h;
            case "attn_rope" -> 2 * 2 * m * (r.heads() + (double) r.kvHeads()) * d / r.tp();
            case "mlp_act" -> r.gated() ? 2 * 3 * m * r.ffn() / r.tp() : 2 * 2 * m * r.ffn() / r.tp();
            default -> throw new IllegalArgumentException("not element-wise: " + r.op());
        };
    }
}
