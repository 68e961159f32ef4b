/** REST views of the fab line for operators. */
package io.terafab.fab.rest;
