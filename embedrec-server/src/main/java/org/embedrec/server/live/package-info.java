/**
 * Live updates: the durable store of interactions that clients send while the server runs.
 * {@link org.embedrec.server.live.InteractionStore} is the interface (append a batch once per
 * idempotency key, read a user's interactions, forget a user);
 * {@link org.embedrec.server.live.LogInteractionStore} the embedded default, a write-ahead log
 * with a CRC per record and group commit; {@link org.embedrec.server.live.JdbcInteractionStore}
 * the same over a JDBC database (PostgreSQL, SQLite), which several servers can share.
 * {@link org.embedrec.server.live.Interaction} and {@link org.embedrec.server.live.Batch} are the
 * values stored. {@link org.embedrec.server.live.ItemMetadataStore} keeps the
 * {@link org.embedrec.server.live.ItemMetadata} clients send for new items. Knows no model: the
 * server folds a user's interactions into each served model and places new items in an overlay.
 */
package org.embedrec.server.live;
