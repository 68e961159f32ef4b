/** Test support: the seeds of the property tests, from one system property. */
package io.terafab.testing.property;
