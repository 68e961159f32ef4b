/** Test support: architecture rules every service checks on its own classes. */
package io.terafab.testing.architecture;
