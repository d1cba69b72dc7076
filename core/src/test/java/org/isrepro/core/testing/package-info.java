/** Shared test fixtures (published as the core test-jar): tiny networks, in-memory sources, tags. */
package org.isrepro.core.testing;
