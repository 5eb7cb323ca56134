/** A result that appears on its own: announced politely when it went well, as an alert when it did not. */
export function Feedback({ result }: { result: { ok: boolean; text: string } | null }) {
  return (
    <>
      <p role="status" className="feedback">
        {result?.ok ? result.text : ''}
      </p>
      {result && !result.ok && (
        <p role="alert" className="feedback error">
          {result.text}
        </p>
      )}
    </>
  );
}
