/** scheduler-service: the AI job scheduler twin, placing gangs of jobs on installed accelerators under the power budget. */
package io.terafab.scheduler;
