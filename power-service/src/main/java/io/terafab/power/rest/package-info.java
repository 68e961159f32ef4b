/** REST views and commands of the grid for operators. */
package io.terafab.power.rest;
