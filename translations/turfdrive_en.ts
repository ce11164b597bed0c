<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActivityModel</name>
    <message>
        <source>Recent activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all in step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decisions waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>some records failed and will be retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sync at %1: %n change(s), %2</source>
        <translation>
            <numerusform>Sync at %1: %n change, %2</numerusform>
            <numerusform>Sync at %1: %n changes, %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictFieldModel</name>
    <message>
        <source>(choose a value)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before (last agreed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will become</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictReviewWindow</name>
    <message>
        <source>Use Pipedrive&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Ostendo&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Pipedrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Ostendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link: same record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;separate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make Ostendo match Pipedrive for the selected conflicts (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make Pipedrive match Ostendo for the selected conflicts (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the values in the &quot;Will become&quot; column to both systems (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are the same record: join them (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are different records: leave both as they are (Ctrl+5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To merge, double-click the value to keep in the Pipedrive or Ostendo column, or type the value you want in the &quot;Will become&quot; column; then press Merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the selected field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;hown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;isk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;cords:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers and work items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work items</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) shown, </source>
        <translation>
            <numerusform>%n conflict shown, </numerusform>
            <numerusform>%n conflicts shown, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for you.</source>
        <translation>
            <numerusform>%n waiting for you.</numerusform>
            <numerusform>%n waiting for you.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conflict review (%n waiting)</source>
        <translation>
            <numerusform>Conflict review (%n waiting)</numerusform>
            <numerusform>Conflict review (%n waiting)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a conflict to see both sides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to review here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(and %n more selected)</source>
        <translation>
            <numerusform>(and %n more selected)</numerusform>
            <numerusform>(and %n more selected)</numerusform>
        </translation>
    </message>
    <message>
        <source>Why it waits for you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been written for this record yet. Found %1, %2 risk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled by the rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1, %2 risk. You can still override it with a decision below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2 on %3; written to both systems %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2 on %3; waiting to be written to both systems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a value for every field first: double-click a system&apos;s value, or type one in the &quot;Will become&quot; column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: recorded for %n conflict(s).</source>
        <translation>
            <numerusform>%1: recorded for %n conflict.</numerusform>
            <numerusform>%1: recorded for %n conflicts.</numerusform>
        </translation>
    </message>
    <message>
        <source>TurfDrive is writing it to both systems now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will be written at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was recorded: the sync state is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <source>Settled by the rules (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts settled automatically, per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts that needed a person, per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts in the last eight weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last eight weeks: %1 conflicts, %2% settled automatically by the rules, %3 needed a person (about %4 a week).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive token budget: not known yet (it is reported after the first sync).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive token budget today: %1 of %2 used (%3%).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWidget</name>
    <message>
        <source>Set up connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to TurfDrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive keeps Pipedrive and Ostendo in step. Nothing is connected yet: how would you like to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your Pipedrive and Ostendo addresses and keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practise on built-in copies of both systems filled with demo customers and jobs. Nothing real is touched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InProcessTransport</name>
    <message>
        <source>The answer was larger than allowed and was cut off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <source>Pipedrive %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TurfDrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Work items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing needs the sync engine, which this build does not include yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkTransport</name>
    <message>
        <source>The server&apos;s certificate is not trusted (%1). If this server uses a self-signed certificate, pin its SHA-256 fingerprint in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate changed: its SHA-256 fingerprint is %1, not the pinned one. The connection was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate chain has problems beyond the pinned certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not complete a TLS handshake in time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OstendoClient</name>
    <message>
        <source>Ostendo&apos;s answer was larger than allowed; lower the page size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo API Service refused the connection; is it started?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo server&apos;s name could not be found; check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to Ostendo failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo asked us to slow down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo API Service failed (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo API Service answered 404: check the base URL in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo address redirects elsewhere (HTTP %1): check http or https and the port in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo answered with an unexpected HTTP status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo&apos;s answer could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Ostendo table or column name in the mapping is not a plain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo&apos;s rows kept changing during the read; it will be repeated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value for Ostendo column %1 holds a character Ostendo&apos;s XML import cannot carry (a control character, a lone surrogate, U+FFFE, U+FFFF or a leading U+FEFF); nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo may or may not have created the record (%1). It will be looked for by its Pipedrive id before anything is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer row has no readable %1 (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a date in any known form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job row has no readable %1 (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A row has no readable key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad Ostendo name in mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an Ostendo key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer is only created in Ostendo with the Pipedrive id it carries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo accepted the new customer but it could not be found again by its Pipedrive id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job is only created in Ostendo with the Pipedrive deal id it carries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo accepted the new job but it could not be found again by its Pipedrive deal id.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipedriveClient</name>
    <message>
        <source>%1 was not sent: the Pipedrive API token is empty or has characters a token cannot have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not sent: the daily Pipedrive token budget is spent (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the answer was lost, so Pipedrive may or may not have created the record; search for the carried id before trying again (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive could not be reached (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the answer was larger than allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the answer had no HTTP status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer says success:false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive&apos;s rate limit was reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive refused the API token (HTTP 401)%2. Check the token in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive answered HTTP %2 with a web page instead of JSON; this happens when rate limits were ignored. Wait before syncing again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive refused the request (HTTP %2)%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not found in Pipedrive (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive refused the data (HTTP %2)%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive had a server error (HTTP %2)%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive redirected the request (HTTP %2); check the company domain in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Pipedrive does not accept this request (HTTP 405).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unexpected HTTP %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: data is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the next_cursor is not a new text cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization custom field &quot;%1&quot; is not mapped; run setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization was written but the answer is unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deal custom field &quot;%1&quot; is not mapped; run setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deal was written but the answer is unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 field &quot;%2&quot; has type %3, which cannot hold TurfDrive&apos;s %4 value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields must be discovered before missing ones are created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; was created but the answer is unreadable (%2); discover fields again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The custom field &quot;%1&quot; is not mapped; run setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty search term matches nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 is not set: enter the server address, e.g. https://example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a valid address; expected something like https://server:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; uses plain http; use https (http is only allowed on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; must not contain a query or a user name; keys go in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &apos;%4&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a known time zone; use a name such as Pacific/Auckland.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; must contain {deal_id}, or two deals would get the same job number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long for an Ostendo order number (30 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; does not exist or cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1] is not a TurfDrive setting (a typo?); it is ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was larger than allowed and was cut off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed before the whole answer arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database path %1 is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is locked by another program (is another TurfDrive running?). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is damaged or is not a TurfDrive database (%2). It was left as it is; move it aside to start afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 was written by a newer TurfDrive (schema %2; this version knows up to %3). It was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is locked by another program (%2). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is locked by another program. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start updating the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the database %1 to schema %2: %3. It was left at schema %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state store was used from the wrong thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database operation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a database transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database operation was refused; nothing of it was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save to the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link needs a Pipedrive id or an Ostendo key; neither was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Pipedrive id must be positive, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A retry count cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link was not saved: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no link %1 to update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no link %1 to delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conflict needs the rule that decided it (or why it is blocked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field conflict needs at least one field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conflict must name a link or a record on either side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conflict needs the time it was detected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conflict field has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict %1 to update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a decision; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decision must say who made it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conflict %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 was already decided by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link and Keep separate are only for a possible duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A possible duplicate is decided with Link or Keep separate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merge needs a value for at least one field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 has no field &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 was decided by someone else in the meantime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 has no decision to mark as applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A journal entry needs an operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A journal entry needs the time it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A journal entry cannot be completed back into an intent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no journal entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A log row needs an entity and an action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A log row needs a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the log export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A watermark cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tombstone needs the record&apos;s id and the time it was archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run needs an id and a start time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no run %1 to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed after the request was sent and before any answer; it was not sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not finish its answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo API key has expired (Ostendo said: %1). Ask the Ostendo administrator to extend it under API Security, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo API key may not run SQL queries (Ostendo said: %1). Tick &quot;SQL Allowed&quot; for this key under API Security.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo refused the API key (Ostendo said: %1). Check the key in the settings against API Security in Ostendo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo does not know a table or column of the mapping (Ostendo said: %1). Check the Ostendo names in the policy file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo could not do it just now (Ostendo said: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo refused access (Ostendo said: %1). Check the key&apos;s rights under API Security.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo server address is not set: enter it in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Pipedrive token budget for today is used up (%1 of %2); syncing resumes after it resets at midnight UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing every %1 minutes would use about %2 Pipedrive tokens before the daily budget resets, and %3 are left; syncing every %4 minutes instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Pipedrive address (pipedrive/base_url) is not set in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo address (ostendo/base_url) is not set in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(built-in default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database operation failed: injected crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database operation failed: injected write failure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>not there yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Search customers by name or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search work items by title or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error or waiting for a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in sync &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to see both sides, its conflicts and its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2. Last synced %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log (latest %1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scheduler</name>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No %1 is stored in the keychain yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty secret cannot be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not store the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not remove the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only for a self-signed certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate must be signed by a known authority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a server presenting this certificate is trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job number format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records per batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full check every (hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing a connection needs the sync engine, which this build does not include yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving to the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings were saved, but the keychain refused a key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set by the environment (kept there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•••••••• saved in the keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ostendo server presented a certificate that is not signed by a known authority. Its fingerprint is %1. Trust it only if the person who runs the server confirms the same fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusHeader</name>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing needs the sync engine, which this build does not include yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Review %n decision(s)</source>
        <translation>
            <numerusform>&amp;Review %n decision</numerusform>
            <numerusform>&amp;Review %n decisions</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next sync: paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next sync: not scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusNotifier</name>
    <message>
        <source>Sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) waiting</source>
        <translation>
            <numerusform>%n decision waiting</numerusform>
            <numerusform>%n decisions waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the conflict review to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) failing</source>
        <translation>
            <numerusform>%n record failing</numerusform>
            <numerusform>%n records failing</numerusform>
        </translation>
    </message>
    <message>
        <source>They are retried automatically; the sync log says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) pending</source>
        <translation>
            <numerusform>%n record pending</numerusform>
            <numerusform>%n records pending</numerusform>
        </translation>
    </message>
    <message>
        <source>They will be finished by the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Sync now to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic syncing is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive needs attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusTracker</name>
    <message>
        <source>The last sync could not finish.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>No Ostendo API key is stored; enter it in the settings or set %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Pipedrive API token is stored; enter it in the settings or set %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy file %1 was refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncLogWindow</name>
    <message>
        <source>Show every record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kind of record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the rows shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing every record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing one record only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the latest %1 rows; narrow the filters, or export to get them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s).</source>
        <translation>
            <numerusform>%n row.</numerusform>
            <numerusform>%n rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a row to see everything it recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the sync log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncRun</name>
    <message>
        <source>The state database could not record the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive lacks the custom field%1 %2; run `turfdrive-cli setup --create-fields`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive&apos;s deal stages could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unfinished write could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: the record was not found by its carried id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown: the record is read again and reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive&apos;s organizations could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive&apos;s deals could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo&apos;s customers could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ostendo&apos;s jobs could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled; every write sent was completed and journalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipedrive&apos;s daily token budget is spent; the remaining records are synced after it resets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record is only created in Ostendo with the Pipedrive id it carries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (No longer in conflict: both systems agreed again before a person decided.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for its customer %1, which is not in step in both systems yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conflict could not be recorded, so nothing was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rename of job %1 could not be journalled: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open TurfDrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UiText</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled by the rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed in both systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted in one system, changed in the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived but still has open work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept Pipedrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept Ostendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked as the same record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept as separate records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change time unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>TurfDrive keeps Pipedrive and Ostendo in step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run against the built-in simulators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read settings from FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the sync state in the database at PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised to the system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync state could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TurfDrive (sandbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox needs no connection: TurfDrive talks to its built-in simulators.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
