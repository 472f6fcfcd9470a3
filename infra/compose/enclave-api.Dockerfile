# The Enclave API image (docs/containers.md). Build context: the repository root, after
#   ./mvnw -B -ntp -DskipTests package
# which leaves enclave-api/target/enclave-api.jar and its runtime classpath in enclave-api/target/lib/
# (the same layout bin/enclave-api runs). Nothing is compiled inside the image.
#
#   docker build -f infra/compose/enclave-api.Dockerfile -t enclave/enclave-api:dev .
#
# Run it with a read-only root filesystem: it writes only under ENCLAVE_HOME (a volume) and /tmp (tmpfs).
FROM eclipse-temurin:17-jre

# A fixed, unprivileged uid/gid, shared with the Spark containers in compose.yaml so that job outputs
# have one owner. No login shell, no home directory.
RUN groupadd --system --gid 10001 enclave \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin enclave \
 && mkdir -p /var/lib/enclave/lake /var/lib/enclave/workspaces /var/lib/enclave/keys \
 && chown -R 10001:10001 /var/lib/enclave \
 && chmod 700 /var/lib/enclave/keys

# Dependencies first: they change less often than the application jar, so this layer is reused.
COPY --chown=root:root --chmod=0644 enclave-api/target/lib/ /opt/enclave-api/lib/
COPY --chown=root:root --chmod=0644 enclave-api/target/enclave-api.jar /opt/enclave-api/enclave-api.jar

ENV ENCLAVE_HOME=/var/lib/enclave \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

USER 10001:10001
WORKDIR /var/lib/enclave
EXPOSE 8080

# `java` expands the lib/* wildcard itself (no shell involved).
ENTRYPOINT ["java", "-cp", "/opt/enclave-api/enclave-api.jar:/opt/enclave-api/lib/*", "org.enclave.api.EnclaveApiApplication"]
