// The sections the customer 360 page shows. A module that adds one registers it here (one line), in
// its own file, so the page never shows a screen for a module that does not exist yet.
import { createElement } from 'react';
import { Timeline } from '../../activity/Timeline';
import { CommentThread } from '../../collab/CommentThread';
import { ActivityList } from '../../activity/ActivitiesPage';
import { ContactsSection } from './ContactsSection';
import { OpenTasks } from './OpenTasks';
import { register360Section } from './registry';

register360Section({ key: 'timeline', titleKey: 'activity:c360.timeline', right: 'account:read', column: 'main', order: 10, Component: ({ account }) => createElement(Timeline, { entity: 'account', id: account.id }) });
register360Section({ key: 'comments', titleKey: 'collab:comment.title', right: 'account:read', column: 'main', order: 15, Component: ({ account }) => createElement(CommentThread, { entity: 'account', recordId: account.id }) });
register360Section({ key: 'activities', titleKey: 'activity:title', right: 'activity:read', column: 'main', order: 20, Component: ({ account }) => createElement(ActivityList, { accountId: account.id }) });
register360Section({ key: 'openTasks', titleKey: 'activity:c360.openTasks', right: 'activity:read', column: 'side', order: 10, Component: OpenTasks });
register360Section({ key: 'contacts', titleKey: 'customer:contacts.title', right: 'contact:read', column: 'side', order: 20, Component: ContactsSection });
