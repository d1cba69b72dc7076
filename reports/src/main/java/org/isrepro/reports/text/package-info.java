/**
 * How numbers are written in everything the reports produce (claims.json reasons, report.md, index.html, figure
 * captions, the nightly and compare tables): one place, so that a missing value reads the same everywhere.
 */
package org.isrepro.reports.text;
