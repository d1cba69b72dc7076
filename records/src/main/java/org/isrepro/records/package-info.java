/**
 * The result files as types, one per file kind: a run record ({@link org.isrepro.records.RunRecord}), the §4.1
 * ablation ({@link org.isrepro.records.Ablation41Record}), reviewer checks ({@link org.isrepro.records.CheckRecord}),
 * benchmark ratios ({@link org.isrepro.records.BenchRatiosRecord}) and tuning searches
 * ({@link org.isrepro.records.TuningRecord}), with the provenance they share. Writers (reproduction, benchmark) build
 * these types and readers (reports) read them back through {@link org.isrepro.records.RecordFiles}, so the contract
 * of docs/records.md is the code. Every file carries a versioned {@code schema}; an older version that is still read
 * is migrated explicitly ({@link org.isrepro.records.SchemaSpec}), an unknown or newer one fails naming the file.
 * Keys are camelCase. Depends on Jackson only.
 */
package org.isrepro.records;
