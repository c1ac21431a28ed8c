# syntax=docker/dockerfile:1
# Caravan runtime image. Build: docker build -t caravan .
# Run:   docker run -p 8080:8080 -e CARAVAN_API_TOKEN=... -v caravan-data:/app/data caravan

# --- build stage: JDK + Maven wrapper --------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies first, in their own layer: source changes do not download them again.
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -ntp package -DskipTests

# --- runtime stage: JRE only, non-root --------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 caravan \
 && useradd --system --uid 10001 --gid caravan --home-dir /app --shell /usr/sbin/nologin caravan
WORKDIR /app
# Libraries change less often than the application jar: separate layers.
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/caravan.jar caravan.jar
# The quickstart configuration (demo CRM API on): mount your own over /app/config.
COPY config/ config/
COPY routes/ routes/
RUN mkdir -p data && chown -R caravan:caravan data
USER 10001:10001
# The embedded PostgreSQL keeps its data here; mount a volume to keep it across containers, or
# set CARAVAN_DB_URL to use an external PostgreSQL.
VOLUME ["/app/data"]
# 8080: /api (needs CARAVAN_API_TOKEN to listen beyond loopback); 9876: /observe (metrics, health).
EXPOSE 8080 9876
ENV CAMEL_MANAGEMENT_HOST=0.0.0.0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/caravan.jar"]
CMD ["run"]
