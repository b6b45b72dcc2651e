import { ROUTES, type RouteId } from './routes';

/** Plain links in tab order; the current place is marked for assistive tech with aria-current. */
export function Nav({ current }: { current: RouteId }) {
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a href={`#/${route.id}`} aria-current={route.id === current ? 'page' : undefined}>
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
