/**
 * The registry of every experiment, above the families that define them (§4.2-4.4, appendices C and D,
 * RAIS): one ordered list, so that no family depends on another's registration.
 */
package org.isrepro.reproduction.catalog;
