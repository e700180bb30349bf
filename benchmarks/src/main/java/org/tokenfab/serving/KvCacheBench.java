package org.tokenfab.serving;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The KV block allocator ({@link KvCache}, package-private, hence this package) through the calls
 * the replica makes for one request's life: admission ({@code lookup}, {@code canAdmit},
 * {@code grow} by the prompt's blocks), one {@code canGrow}/{@code grow} check per decode token as
 * the replica's {@code reserve} does (a new 16-token block every 16 tokens), and {@code release}.
 * One operation is one whole request (1,024-token prompt, 256 output tokens, so 1 admit + 256 grow
 * checks + 1 release) among 128 others holding blocks. With {@code prefix=true} prompts come from
 * 32 system prompts of 8 x 64-token units, so lookups hit and releases insert into the prefix cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KvCacheBench {
    private static final int LIVE = 128;
    private static final int PROMPT = 1024;
    private static final int OUTPUT = 256;
    private static final int UNITS = PROMPT / 64;

    @Param({"false", "true"})
    boolean prefix;

    private KvCache kv;
    private final Request[] live = new Request[LIVE];
    private final long[] ids = new long[UNITS];
    private int next;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() {
        // 25,000 blocks of 16 tokens: room for the 128 live requests (80 blocks each) and a cache.
        kv = new KvCache(25_000, 16, 0.01, prefix, 0, 0);
        for (int i = 0; i < LIVE; i++) {
            live[i] = new Request();
            admit(live[i]);
        }
    }

    private void admit(Request r) {
        r.init(seq, 0, PROMPT, OUTPUT);
        if (prefix) {
            long system = seq % 32;
            for (int u = 0; u < UNITS; u++) {
                ids[u] = u < 8 ? system * 1000 + u : seq * 1000 + u; // 8 shared units, the rest unique
            }
            r.setPrefix(ids, UNITS, 64);
        }
        seq++;
        kv.lookup(r);
        int extra = kv.blocksFor(PROMPT) - r.kvBlocks;
        if (!kv.canAdmit(extra)) {
            throw new IllegalStateException("benchmark cache too small");
        }
        kv.grow(r, extra);
        r.kvTokens = PROMPT;
        r.prefilled = PROMPT;
    }

    @Benchmark
    public int requestLifetime() {
        Request r = live[next];
        next = (next + 1) & (LIVE - 1);
        kv.release(r); // the oldest live request leaves; its slot takes the new one
        admit(r);
        for (int t = 0; t < OUTPUT; t++) {
            int extra = kv.blocksFor((long) r.kvTokens + 1) - r.kvBlocks;
            if (!kv.canGrow(extra)) {
                throw new IllegalStateException("benchmark cache too small");
            }
            kv.grow(r, extra);
            r.kvTokens++;
        }
        return r.kvBlocks; // stays live until its slot comes round again

    }
}
