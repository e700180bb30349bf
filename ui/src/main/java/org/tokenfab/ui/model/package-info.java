/**
 * What the views are built from: immutable records of finished runs ({@link org.tokenfab.ui.model.RunRecord}),
 * a running scenario watched through a lock-free queue ({@link org.tokenfab.ui.model.RunTask}), one
 * replica's iterations ({@link org.tokenfab.ui.model.StepLog}) and the shared, FX-thread-only
 * {@link org.tokenfab.ui.model.Workspace}. No view type appears here, and no engine type beyond the
 * scenarios module's public run API.
 */
package org.tokenfab.ui.model;
