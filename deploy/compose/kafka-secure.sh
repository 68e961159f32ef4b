#!/bin/sh
# The compose broker, secured as deploy/twin's (deploy/local/server.properties): SCRAM-SHA-512 on every
# listener, StandardAuthorizer denying what no ACL allows, no auto-created topics. Two client listeners:
# INTERNAL (SASL_PLAINTEXT) on 127.0.0.1 inside the pod's network namespace, for the services; EXTERNAL
# (SASL_SSL, TLS with a self-signed certificate for localhost/127.0.0.1) on 9094, published, for
# integrators and tools outside. Passwords, the keystore and the clients' truststore are made once in
# /secrets (a volume). Usage: kafka-secure.sh secrets | broker | setup
set -eu
S=/secrets
bin=/opt/kafka/bin
pw() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
jaas() { echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$(cat "$S/$1.password")\";"; }
admin_properties() { # the super-user's client properties, for the healthcheck and the setup
  (umask 077; printf '%s\n' bootstrap.servers=127.0.0.1:9092 security.protocol=SASL_PLAINTEXT sasl.mechanism=SCRAM-SHA-512 \
    "sasl.jaas.config=$(jaas admin)" > /tmp/admin.properties)
}
case $1 in
  secrets)
    umask 077
    [ -f $S/admin.password ] && exit 0
    for p in admin fab-service chip-service power-service scheduler-service; do pw > $S/$p.password; done
    pw > $S/store.password
    keytool -genkeypair -alias kafka -keyalg RSA -keysize 2048 -validity 825 -dname CN=localhost \
      -ext SAN=dns:localhost,ip:127.0.0.1 -keystore $S/kafka.p12 -storetype PKCS12 -storepass "$(cat $S/store.password)"
    keytool -exportcert -alias kafka -keystore $S/kafka.p12 -storepass "$(cat $S/store.password)" -file $S/kafka.crt
    keytool -importcert -noprompt -alias kafka -file $S/kafka.crt -keystore $S/truststore.p12 -storetype PKCS12 \
      -storepass "$(cat $S/store.password)"
    chown -R 1000:1000 $S # the broker's user in the apache/kafka image
    ;;
  broker)
    admin_properties
    cat > /tmp/server.properties <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
listeners=INTERNAL://127.0.0.1:9092,EXTERNAL://:9094,CONTROLLER://127.0.0.1:9093
advertised.listeners=INTERNAL://127.0.0.1:9092,EXTERNAL://localhost:9094
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=$(jaas admin)
listener.name.controller.scram-sha-512.sasl.jaas.config=$(jaas admin)
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.ssl.keystore.location=$S/kafka.p12
listener.name.external.ssl.keystore.type=PKCS12
listener.name.external.ssl.keystore.password=$(cat $S/store.password)
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
log.dirs=/var/lib/kafka/data
num.partitions=1
offsets.topic.num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    if [ ! -f /var/lib/kafka/data/meta.properties ]; then
      $bin/kafka-storage.sh format --standalone -t "$($bin/kafka-storage.sh random-uuid)" -c /tmp/server.properties \
        --add-scram "SCRAM-SHA-512=[name=admin,password=$(cat $S/admin.password)]"
    fi
    exec $bin/kafka-server-start.sh /tmp/server.properties
    ;;
  setup) # topics, the services' logins and ACLs (deploy/local/acls.txt), and their config files
    umask 077
    admin_properties
    grep -v '^#' /twin/topics.txt | while read -r topic partitions policy; do
      [ -n "$topic" ] || continue
      $bin/kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --command-config /tmp/admin.properties --create \
        --if-not-exists --topic "$topic" --partitions "$partitions" --config cleanup.policy="$policy" \
        --config max.message.bytes=16777216 $([ "$policy" = compact ] && echo --config segment.bytes=67108864)
    done
    for s in fab-service chip-service power-service scheduler-service; do
      $bin/kafka-configs.sh --bootstrap-server 127.0.0.1:9092 --command-config /tmp/admin.properties --alter \
        --add-config "SCRAM-SHA-512=[password=$(cat $S/$s.password)]" --entity-type users --entity-name $s
      grep -v '^#' /twin/acls.txt | while read -r who operation resource name; do
        [ "$who" = "$s" ] || [ "$who" = "@service" ] || continue
        name=$(echo "$name" | sed "s/@service/$s/")
        if [ "$resource" = group-prefixed ]; then target="--group $name --resource-pattern-type prefixed"; else target="--topic $name"; fi
        # shellcheck disable=SC2086
        $bin/kafka-acls.sh --bootstrap-server 127.0.0.1:9092 --command-config /tmp/admin.properties --add \
          --allow-principal "User:$s" --operation "$operation" $target > /dev/null
      done
      printf '%s\n' kafka.security.protocol=SASL_PLAINTEXT kafka.sasl.mechanism=SCRAM-SHA-512 \
        "kafka.sasl.jaas.config=$(jaas $s)" > $S/$s.service.properties
      chmod 644 $S/$s.service.properties # the services' images run as another user
    done
    ;;
esac
