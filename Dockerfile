# studybot: one image for every replica. Configure it with environment variables
# (see .env.example); it runs `studybot serve` and answers /healthz on port 3000.
FROM python:3.11-slim

# libfribidi0: Pillow's text layout (raqm) loads it to set right-to-left text in pictures;
# the fonts themselves come with the Python packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends make libfribidi0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 studybot

WORKDIR /app
COPY --chown=studybot:studybot . /app
USER studybot

# The same install step as the README's quick start, without the test tools.
RUN make install EXTRAS=slack,discord,semantic

ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL="sqlite:////home/studybot/data/studybot.sqlite3"
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4); sys.exit(0)"

CMD ["studybot", "serve", "--port", "3000"]
