/**
 * The twin's event contract: {@link io.terafab.contract.Topics}, {@link io.terafab.contract.EventTypes}
 * and one payload record per event, named in the past tense. A payload's constructor rejects
 * values out of range with {@link io.terafab.contract.InvalidEventException}, so a service never
 * sees an invalid event object. The AsyncAPI document under deploy/ describes the same contract.
 */
package io.terafab.contract;
