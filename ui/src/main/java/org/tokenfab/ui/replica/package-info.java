/**
 * Inside a replica: the iterations of replica 0 of one pool replayed on a timeline (prefill and
 * decode tokens per iteration, KV-cache use, queue and preemptions) with a scrubber and play/pause.
 * {@link org.tokenfab.ui.replica.ReplicaModel} windows and aggregates the step log without JavaFX;
 * {@link org.tokenfab.ui.replica.ReplicaView} draws it.
 */
package org.tokenfab.ui.replica;
