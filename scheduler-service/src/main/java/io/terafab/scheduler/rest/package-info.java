/** REST views of the cluster and its jobs for operators, and a front door for job submissions. */
package io.terafab.scheduler.rest;
